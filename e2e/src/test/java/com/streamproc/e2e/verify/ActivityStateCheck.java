package com.streamproc.e2e.verify;

import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.e2e.reference.ActivityReference;
import com.streamproc.e2e.reference.ActivityReference.ExpectedUserDay;
import com.streamproc.e2e.reference.ActivityReference.Stats;
import com.streamproc.e2e.reference.ActivityReference.UserDay;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads the activity aggregates through the analysts' queries and compares them with the reference. */
public final class ActivityStateCheck {
    private ActivityStateCheck() {
    }

    /**
     * Every user of the input on every UTC day of the input, every action-hour an input record names, and the
     * active users of those days. A user-day that differs is reported with what explains it: the stored item's
     * total and per-shard marks ({@code storedItem}) and the valid records of that user-day as delivered, with
     * their shard and sequence number and whether the reference counted them.
     *
     * @param storedItem the raw user-day item, in words
     */
    public static Mismatches compare(ActivityReference reference, ActivityQueries queries,
                                     Function<UserDay, String> storedItem) {
        Mismatches mismatches = new Mismatches();
        Set<LocalDate> days = reference.days();
        Map<UserDay, ExpectedUserDay> expectedDays = reference.userDays();
        for (String userId : reference.userIds()) {
            for (LocalDate day : days) {
                UserDay key = new UserDay(userId, day);
                Mismatches found = userDay(key, expectedDays.get(key), queries.userDay(userId, day));
                if (found.count() > 0) {
                    String detail = "\n      stored: " + storedItem.apply(key) + "\n      delivered: "
                            + String.join("\n        ", reference.trace(key));
                    found.list().forEach(problem -> mismatches.add(problem + detail));
                }
            }
        }
        for (ActivityReference.ActionHour actionHour : reference.seenActionHours()) {
            long expected = reference.actionHours().getOrDefault(actionHour, 0L);
            long actual = queries.actionHour(actionHour.action(), actionHour.hour());
            if (expected != actual) {
                mismatches.add("action-hour " + actionHour.action() + " " + actionHour.hour() + ": expected "
                        + expected + ", found " + actual);
            }
        }
        for (LocalDate day : days) {
            long expected = reference.activeUsers().getOrDefault(day, Set.of()).size();
            mismatches.expectEqual("active users on " + day, expected, queries.activeUsers(day));
        }
        return mismatches;
    }

    private static Mismatches userDay(UserDay key, ExpectedUserDay expected, Optional<UserDayActivity> stored) {
        Mismatches mismatches = new Mismatches();
        if (expected == null) {
            if (stored.isPresent()) {
                mismatches.add("user-day " + key + " must not exist, found total " + stored.get().total());
            }
            return mismatches;
        }
        if (stored.isEmpty()) {
            mismatches.add("user-day " + key + " is missing");
            return mismatches;
        }
        UserDayActivity actual = stored.get();
        Stats total = new Stats(actual.total(), actual.firstSeen(), actual.lastSeen());
        mismatches.expectEqual("user-day " + key + " total", expected.total(), total);
        Map<String, Stats> actualActions = new TreeMap<>();
        for (Map.Entry<String, ActionStats> entry : actual.actions().entrySet()) {
            ActionStats s = entry.getValue();
            actualActions.put(entry.getKey(), new Stats(s.count(), s.firstSeen(), s.lastSeen()));
        }
        mismatches.expectEqual("user-day " + key + " actions", expected.actions(), actualActions);
        return mismatches;
    }
}
