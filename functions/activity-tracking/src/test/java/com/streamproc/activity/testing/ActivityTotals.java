package com.streamproc.activity.testing;

import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.domain.ActivityTimes;
import com.streamproc.activity.domain.UserDayKey;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every answer the analysts can get, for a set of users, days and action-hours: what tests compare between a
 * reference count and the stored aggregates.
 *
 * @param userDays    per user and day: total, first/last seen and per action count and first/last seen
 * @param actionHours per action and hour ({@code action@2026-11-27T10}): event count
 * @param activeUsers per day: distinct active users
 */
public record ActivityTotals(Map<UserDayKey, UserDayActivity> userDays, Map<String, Long> actionHours,
                             Map<LocalDate, Long> activeUsers) {

    /** The exact answers for {@code events}: every eventId counted once, at its first occurrence. */
    public static ActivityTotals reference(Collection<TestActivity> events) {
        Map<UserDayKey, UserDayActivity> userDays = new TreeMap<>(ActivityTotals::compareKeys);
        Map<String, Long> actionHours = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (TestActivity event : events) {
            if (!seen.add(event.eventId())) {
                continue;
            }
            Instant at = ActivityTimes.seen(event.occurredAt());
            UserDayKey key = new UserDayKey(event.userId(), ActivityTimes.utcDay(event.occurredAt()));
            UserDayActivity before = userDays.get(key);
            ActionStats once = ActionStats.once(at);
            if (before == null) {
                userDays.put(key, new UserDayActivity(key.userId(), key.day(), 1, at, at,
                        Map.of(event.action(), once)));
            } else {
                Map<String, ActionStats> actions = new TreeMap<>(before.actions());
                actions.merge(event.action(), once, ActionStats::plus);
                userDays.put(key, new UserDayActivity(key.userId(), key.day(), before.total() + 1,
                        at.isBefore(before.firstSeen()) ? at : before.firstSeen(),
                        at.isAfter(before.lastSeen()) ? at : before.lastSeen(), actions));
            }
            actionHours.merge(actionHour(event.action(), ActivityTimes.utcHour(event.occurredAt())), 1L, Long::sum);
        }
        Map<LocalDate, Long> activeUsers = new TreeMap<>();
        userDays.keySet().forEach(key -> activeUsers.merge(key.day(), 1L, Long::sum));
        return new ActivityTotals(userDays, actionHours, activeUsers);
    }

    /** What the queries answer for the same users, days and action-hours as {@code expected}. */
    public static ActivityTotals stored(ActivityQueries queries, ActivityTotals expected) {
        Map<UserDayKey, UserDayActivity> userDays = new TreeMap<>(ActivityTotals::compareKeys);
        for (UserDayKey key : expected.userDays().keySet()) {
            queries.userDay(key.userId(), key.day()).ifPresent(activity -> userDays.put(key, activity));
        }
        Map<String, Long> actionHours = new TreeMap<>();
        for (String actionHour : expected.actionHours().keySet()) {
            int at = actionHour.indexOf('@');
            long count = queries.actionHour(actionHour.substring(0, at), LocalDateTime.parse(actionHour.substring(at + 1)
                    + ":00"));
            if (count > 0) {
                actionHours.put(actionHour, count);
            }
        }
        Map<LocalDate, Long> activeUsers = new TreeMap<>();
        for (LocalDate day : days(expected)) {
            long count = queries.activeUsers(day);
            if (count > 0) {
                activeUsers.put(day, count);
            }
        }
        return new ActivityTotals(userDays, actionHours, activeUsers);
    }

    public static String actionHour(String action, LocalDateTime hour) {
        return action + "@" + ActivityTimes.hourText(hour);
    }

    private static Set<LocalDate> days(ActivityTotals totals) {
        Set<LocalDate> days = new LinkedHashSet<>(totals.activeUsers().keySet());
        totals.userDays().keySet().forEach(key -> days.add(key.day()));
        return days;
    }

    public long totalEvents() {
        return userDays.values().stream().mapToLong(UserDayActivity::total).sum();
    }

    private static int compareKeys(UserDayKey a, UserDayKey b) {
        int byUser = a.userId().compareTo(b.userId());
        return byUser != 0 ? byUser : a.day().compareTo(b.day());
    }

    /** The first differences between {@code expected} and {@code actual}, readable in a failure message. */
    public static List<String> differences(ActivityTotals expected, ActivityTotals actual) {
        List<String> differences = new ArrayList<>();
        differ("userDay", expected.userDays(), actual.userDays(), differences);
        differ("actionHour", expected.actionHours(), actual.actionHours(), differences);
        differ("activeUsers", expected.activeUsers(), actual.activeUsers(), differences);
        return differences.stream().limit(20).toList();
    }

    private static <K, V> void differ(String what, Map<K, V> expected, Map<K, V> actual, List<String> out) {
        Set<K> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (K key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                out.add(what + " " + key + ": expected " + expected.get(key) + " but was " + actual.get(key));
            }
        }
    }
}
