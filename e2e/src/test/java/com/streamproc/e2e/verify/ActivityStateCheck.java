package com.streamproc.e2e.verify;

import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.e2e.reference.ActivityReference;
import com.streamproc.e2e.reference.ActivityReference.ExpectedUserDay;
import com.streamproc.e2e.reference.ActivityReference.Stats;
import com.streamproc.e2e.reference.ActivityReference.UserDay;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads the activity aggregates through the analysts' queries and compares them with the reference. */
public final class ActivityStateCheck {
    private ActivityStateCheck() {
    }

    /**
     * @param days    the UTC days to check: user-days of seen users, active users
     * @param actions the actions whose hourly counts are checked in every hour of {@code days}
     */
    public static Mismatches compare(ActivityReference reference, ActivityQueries queries, Set<LocalDate> days,
                                     Set<String> actions) {
        Mismatches mismatches = new Mismatches();
        Map<UserDay, ExpectedUserDay> expectedDays = reference.userDays();
        for (String userId : reference.userIds()) {
            for (LocalDate day : days) {
                UserDay key = new UserDay(userId, day);
                ExpectedUserDay expected = expectedDays.get(key);
                Optional<UserDayActivity> stored = queries.userDay(userId, day);
                if (expected == null) {
                    if (stored.isPresent()) {
                        mismatches.add("user-day " + key + " must not exist, found total " + stored.get().total());
                    }
                    continue;
                }
                if (stored.isEmpty()) {
                    mismatches.add("user-day " + key + " is missing");
                    continue;
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
            }
        }
        for (String action : actions) {
            for (LocalDate day : days) {
                for (int hour = 0; hour < 24; hour++) {
                    LocalDateTime at = day.atTime(hour, 0);
                    long expected = reference.actionHours()
                            .getOrDefault(new ActivityReference.ActionHour(action, at), 0L);
                    long actual = queries.actionHour(action, at);
                    if (expected != actual) {
                        mismatches.add("action-hour " + action + " " + at + ": expected " + expected + ", found "
                                + actual);
                    }
                }
            }
        }
        for (LocalDate day : days) {
            long expected = reference.activeUsers().getOrDefault(day, Set.of()).size();
            mismatches.expectEqual("active users on " + day, expected, queries.activeUsers(day));
        }
        return mismatches;
    }
}
