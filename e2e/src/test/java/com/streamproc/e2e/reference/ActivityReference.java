package com.streamproc.e2e.reference;

import com.streamproc.e2e.generate.ActivityIntent;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.StreamPosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the activity aggregates and quarantine must hold, from the input alone: each event id counts once (the first
 * copy in stream order), in the UTC day and hour it occurred, to the millisecond. Written without the function's
 * code.
 */
public final class ActivityReference {
    /** Count and first/last time of one action, or of all actions, in a user-day. */
    public record Stats(long count, Instant firstSeen, Instant lastSeen) {
        Stats plus(Instant at) {
            return new Stats(count + 1, at.isBefore(firstSeen) ? at : firstSeen, at.isAfter(lastSeen) ? at : lastSeen);
        }

        static Stats once(Instant at) {
            return new Stats(1, at, at);
        }
    }

    public record UserDay(String userId, LocalDate day) implements Comparable<UserDay> {
        @Override
        public int compareTo(UserDay other) {
            int byUser = userId.compareTo(other.userId);
            return byUser != 0 ? byUser : day.compareTo(other.day);
        }
    }

    public record ActionHour(String action, LocalDateTime hour) implements Comparable<ActionHour> {
        @Override
        public int compareTo(ActionHour other) {
            int byAction = action.compareTo(other.action);
            return byAction != 0 ? byAction : hour.compareTo(other.hour);
        }
    }

    /** A user-day: the total and, per action, the count with first and last seen. */
    public record ExpectedUserDay(Stats total, Map<String, Stats> actions) {
    }

    private final Map<UserDay, Stats> totals = new TreeMap<>();
    private final Map<UserDay, Map<String, Stats>> perAction = new TreeMap<>();
    private final Map<ActionHour, Long> actionHours = new TreeMap<>();
    private final Map<LocalDate, Set<String>> activeUsers = new TreeMap<>();
    private final Map<StreamPosition, String> poison = new LinkedHashMap<>();
    private final Set<String> userIds = new TreeSet<>();
    private final Set<LocalDate> days = new TreeSet<>();
    private final Set<ActionHour> seenActionHours = new TreeSet<>();
    private final Map<UserDay, List<String>> traces = new TreeMap<>();
    private int counted;
    private int duplicates;

    private ActivityReference() {
    }

    public static ActivityReference of(List<Delivered<ActivityIntent>> input) {
        ActivityReference reference = new ActivityReference();
        List<Delivered<ActivityIntent>> inStreamOrder = new ArrayList<>(input);
        inStreamOrder.sort(Delivered.streamOrder());
        Set<String> countedEvents = new HashSet<>();
        for (Delivered<ActivityIntent> record : inStreamOrder) {
            if (record.intent() instanceof ActivityIntent.Poison p) {
                reference.poison.put(record.position(), p.reason());
            } else if (record.intent() instanceof ActivityIntent.Valid event) {
                reference.userIds.add(event.userId());
                boolean counted = countedEvents.add(event.eventId());
                if (counted) {
                    reference.count(event);
                } else {
                    reference.duplicates++;
                }
                reference.seen(record, event, counted);
            }
        }
        return reference;
    }

    private void count(ActivityIntent.Valid event) {
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        UserDay userDay = new UserDay(event.userId(), day);
        totals.merge(userDay, Stats.once(at), (old, one) -> old.plus(at));
        perAction.computeIfAbsent(userDay, k -> new TreeMap<>()).merge(event.action(), Stats.once(at),
                (old, one) -> old.plus(at));
        LocalDateTime hour = LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        actionHours.merge(new ActionHour(event.action(), hour), 1L, Long::sum);
        activeUsers.computeIfAbsent(day, d -> new TreeSet<>()).add(event.userId());
        counted++;
    }

    /** Where a valid record would show, counted or not: the days and action-hours a check must look at. */
    private void seen(Delivered<ActivityIntent> record, ActivityIntent.Valid event, boolean counted) {
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        days.add(day);
        seenActionHours.add(new ActionHour(event.action(),
                LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)));
        traces.computeIfAbsent(new UserDay(event.userId(), day), k -> new ArrayList<>()).add(record.position() + " "
                + event.eventId() + " " + event.action() + " " + at + (counted ? " counted" : " duplicate"));
    }

    public Map<UserDay, ExpectedUserDay> userDays() {
        Map<UserDay, ExpectedUserDay> result = new TreeMap<>();
        totals.forEach((key, total) -> result.put(key, new ExpectedUserDay(total, perAction.get(key))));
        return result;
    }

    public Map<ActionHour, Long> actionHours() {
        return actionHours;
    }

    public Map<LocalDate, Set<String>> activeUsers() {
        return activeUsers;
    }

    public Map<StreamPosition, String> poison() {
        return poison;
    }

    /** Every user id of a valid record (counted or not). */
    public Set<String> userIds() {
        return userIds;
    }

    /** The UTC days of every valid record, counted or not. */
    public Set<LocalDate> days() {
        return days;
    }

    /** The action and UTC hour of every valid record, counted or not. */
    public Set<ActionHour> seenActionHours() {
        return seenActionHours;
    }

    /**
     * The valid records of a user-day in stream order (shard:sequence, event id, action, time, and whether this
     * reference counts it or takes it for a duplicate): what a mismatch report shows.
     */
    public List<String> trace(UserDay userDay) {
        return traces.getOrDefault(userDay, List.of());
    }

    public int counted() {
        return counted;
    }

    public int duplicates() {
        return duplicates;
    }
}
