package com.streamproc.activity.domain;

import static com.streamproc.activity.store.ActivityTableLayout.ACTIVE_DAY;
import static com.streamproc.activity.store.ActivityTableLayout.ACTIVE_DAY_BUCKETS;
import static com.streamproc.activity.store.ActivityTableLayout.HWM;
import static com.streamproc.activity.store.ActivityTableLayout.PK;
import static com.streamproc.activity.store.ActivityTableLayout.SK;

import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.WriteShards;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The user-day item: one user's activity on one UTC day, per action and in total.
 *
 * <p>{@code hwm} maps each shard to the padded sequence number of the highest record of that shard already counted
 * in this item. All records of a user come through one shard (partition key = userId), and each user-day write
 * carries every not-yet-counted record of the batch for this item, so every record of that shard at or below the
 * mark is in the item: a replayed record is recognised by its sequence number and changes nothing. The mark is per
 * shard because sequence numbers of different shards (after a reshard: parent and children) are not comparable.
 *
 * @param firstSeen null only for an item that counts nothing yet
 */
public record UserDay(UserDayKey key, long total, Map<String, ActionStats> actions, Instant firstSeen,
                      Instant lastSeen, Map<String, String> hwm, RecentEvents recent) {
    /**
     * Distinct actions kept per user-day (about 80 KB, far below DynamoDB's 400 KB item limit, which would otherwise
     * turn a user with endless distinct actions into a write that fails forever and blocks the shard).
     */
    public static final int MAX_DISTINCT_ACTIONS = 500;
    /** Where a user-day counts actions beyond {@link #MAX_DISTINCT_ACTIONS}; {@code ~} is not allowed in actions. */
    public static final String OTHER_ACTIONS = "~other";

    public UserDay {
        Objects.requireNonNull(key, "key");
        actions = Map.copyOf(actions);
        hwm = Map.copyOf(hwm);
        Objects.requireNonNull(recent, "recent");
    }

    public UserDay(UserDayKey key, long total, Map<String, ActionStats> actions, Instant firstSeen, Instant lastSeen,
                   Map<String, String> hwm) {
        this(key, total, actions, firstSeen, lastSeen, hwm, RecentEvents.none());
    }

    public static UserDay empty(UserDayKey key) {
        return new UserDay(key, 0, Map.of(), null, null, Map.of(), RecentEvents.none());
    }

    /**
     * What {@link #deciding} made of a group of records.
     *
     * @param updated    the item to write, or the item itself when nothing changed (no write needed)
     * @param counted    records counted in this item, now or by an earlier write (a redelivered record counted
     *                   before): they count in their action-hour items too, as far as those lack them
     * @param duplicates records whose event this item counted through another record: counted nowhere
     */
    public record Decision(UserDay updated, List<InboundRecord<ActivityEvent>> counted,
                           List<InboundRecord<ActivityEvent>> duplicates) {
    }

    /**
     * Decides each record (sorted by sequence number within its shard) and counts the new ones.
     *
     * <ul>
     *   <li>Above the item's mark for its shard: a duplicate if its event id is among the item's recent events
     *       ({@link RecentEvents}), otherwise counted now. Either way the mark moves past it.</li>
     *   <li>At or below the mark (delivered again): counted before if its own entry is there, else a duplicate.</li>
     * </ul>
     *
     * @param firstDelivered per shard, the first record Lambda delivered in this invocation (may be empty)
     */
    public Decision deciding(List<InboundRecord<ActivityEvent>> records, Map<String, RecordRef> firstDelivered) {
        return deciding(records, firstDelivered, Map.of());
    }

    /**
     * @param laterCopies per record, the later copies of its event in the same batch (dropped there): recorded with
     *                    this write when the record is counted now, so that they are never taken for it
     */
    public Decision deciding(List<InboundRecord<ActivityEvent>> records, Map<String, RecordRef> firstDelivered,
                             Map<RecordRef, List<RecordRef>> laterCopies) {
        return deciding(records, firstDelivered, laterCopies, RecordFacts.NONE);
    }

    /** @param facts the records' facts if computed ahead ({@link RecordFacts#NONE}: computed here) */
    public Decision deciding(List<InboundRecord<ActivityEvent>> records, Map<String, RecordRef> firstDelivered,
                             Map<RecordRef, List<RecordRef>> laterCopies, RecordFacts facts) {
        Map<String, ActionStats> newActions = new HashMap<>(actions);
        Map<String, String> newHwm = new HashMap<>(hwm);
        long newTotal = total;
        Instant first = firstSeen;
        Instant last = lastSeen;
        List<InboundRecord<ActivityEvent>> counted = new ArrayList<>();
        List<InboundRecord<ActivityEvent>> duplicates = new ArrayList<>();
        List<RecentEvents.Entry> added = new ArrayList<>();
        Map<String, String> firstNew = new LinkedHashMap<>();
        Map<String, List<String>> copies = new HashMap<>();
        Set<String> eventsNow = new HashSet<>();
        for (InboundRecord<ActivityEvent> record : records) {
            RecordRef ref = record.ref();
            RecordFacts.Fact fact = facts.of(record);
            String sequence = fact.paddedSequence();
            byte[] eventHash = fact.eventHash();
            // Compare with the stored mark, not a running one: what was stored before this batch is decided.
            String decided = hwm.get(ref.shardId());
            if (decided != null && sequence.compareTo(decided) <= 0) {
                // An item written before the entries existed: counted, as its marks alone always said. A record
                // whose segment is gone was below a later batch's first record, so it was fully applied (counted in
                // its action-hour item too) or a duplicate: either way nothing is left to count.
                if (!recent.tracked()
                        || recent.decides(ref) && recent.counted(ref, eventHash)) {
                    counted.add(record);
                } else {
                    duplicates.add(record);
                }
                continue;
            }
            firstNew.putIfAbsent(ref.shardId(), decided == null ? RecentEvents.NO_MARK : decided);
            newHwm.merge(ref.shardId(), sequence, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            if (recent.hasEvent(eventHash) || !eventsNow.add(record.event().eventId())) {
                duplicates.add(record);
                continue;
            }
            Instant at = ActivityTimes.seen(record.event().occurredAt());
            newActions.merge(bucketOf(record.event().action(), newActions), ActionStats.once(at), ActionStats::plus);
            newTotal++;
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            added.add(new RecentEvents.Entry(ref, eventHash));
            for (RecordRef copy : laterCopies.getOrDefault(ref, List.of())) {
                copies.computeIfAbsent(copy.shardId(), k -> new ArrayList<>()).add(copy.paddedSequence());
            }
            counted.add(record);
        }
        if (firstNew.isEmpty()) {
            return new Decision(this, counted, duplicates);
        }
        Map<String, String> firsts = new HashMap<>();
        firstDelivered.forEach((shard, ref) -> firsts.put(shard, ref.paddedSequence()));
        RecentEvents newRecent = recent.appending(added, firstNew, copies, firsts, hwm);
        return new Decision(new UserDay(key, newTotal, newActions, first, last, newHwm, newRecent), counted,
                duplicates);
    }

    /**
     * This item with {@code records} counted, except those at or below the item's mark for their shard (already
     * counted). Returns {@code this} itself when nothing is new, so that the caller can skip the write.
     */
    public UserDay applying(List<InboundRecord<ActivityEvent>> records) {
        return deciding(records, Map.of()).updated();
    }

    /** The action itself, or {@link #OTHER_ACTIONS} once the item holds as many distinct actions as it may. */
    private static String bucketOf(String action, Map<String, ActionStats> actions) {
        if (actions.containsKey(action)) {
            return action;
        }
        int distinct = actions.size() - (actions.containsKey(OTHER_ACTIONS) ? 1 : 0);
        return distinct < MAX_DISTINCT_ACTIONS ? action : OTHER_ACTIONS;
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> actionMap = new HashMap<>();
        actions.forEach((action, stats) -> actionMap.put(action, stats.toAttribute()));
        Map<String, AttributeValue> hwmMap = new HashMap<>();
        hwm.forEach((shard, sequence) -> hwmMap.put(shard, AttributeValue.fromS(sequence)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(key.itemKey().pk()));
        item.put(SK, AttributeValue.fromS(key.itemKey().sk()));
        item.put("userId", AttributeValue.fromS(key.userId()));
        item.put("day", AttributeValue.fromS(key.day().toString()));
        item.put(ACTIVE_DAY, AttributeValue.fromS(WriteShards.value(key.day().toString(),
                WriteShards.bucket(key.userId(), ACTIVE_DAY_BUCKETS))));
        item.put("total", AttributeValue.fromN(Long.toString(total)));
        item.put("actions", AttributeValue.fromM(actionMap));
        item.put("firstSeen", AttributeValue.fromS(ActivityTimes.seenText(firstSeen)));
        item.put("lastSeen", AttributeValue.fromS(ActivityTimes.seenText(lastSeen)));
        item.put(HWM, AttributeValue.fromM(hwmMap));
        recent.putInto(item);
        return item;
    }

    public static UserDay fromItem(Map<String, AttributeValue> item) {
        UserDayKey key = new UserDayKey(item.get("userId").s(), LocalDate.parse(item.get("day").s()));
        Map<String, ActionStats> actions = new HashMap<>();
        item.get("actions").m().forEach((action, value) -> actions.put(action, ActionStats.fromAttribute(value)));
        Map<String, String> hwm = new HashMap<>();
        AttributeValue marks = item.get(HWM);
        if (marks != null && marks.hasM()) {
            marks.m().forEach((shard, value) -> hwm.put(shard, value.s()));
        }
        return new UserDay(key, Long.parseLong(item.get("total").n()), actions,
                ActivityTimes.parseSeen(item.get("firstSeen").s()), ActivityTimes.parseSeen(item.get("lastSeen").s()),
                hwm, RecentEvents.fromItem(item));
    }
}
