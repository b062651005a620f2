package com.streamproc.activity.domain;

import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies a batch of activity events to the aggregates, exactly once per event. Aggregates cross users, so this is
 * one applier for the whole batch rather than a per-key one. Two dependent round trips:
 *
 * <ol>
 *   <li>Later copies of an eventId within the batch are applied through the first copy. Every user-day and
 *       action-hour item of the batch is read in one round of concurrent consistent {@code BatchGetItem}s. A record
 *       whose user-day item could not be read sets the {@link Frontier}: no action-hour item takes it or a later
 *       record of its shard.</li>
 *   <li>Each record is decided from its user-day item as read ({@link UserDay#deciding}): counted (now, or by an
 *       earlier write when Lambda delivers it again) or a producer's duplicate ({@link RecentEvents}). Then the
 *       changed user-day items ({@code BatchWriteItem}) and the action-hour items of the counted records below the
 *       frontier (conditional {@code PutItem}s) are written, all at once.</li>
 * </ol>
 *
 * <p><b>Replay guard.</b> A duplicate is applied once its user-day item is written, a counted record once its
 * user-day and its action-hour item are; every other record stays unmarked, and Lambda delivers the batch again
 * from the earliest of them. Each item ignores records at or below its own high-water mark, and each mark covers
 * only what its item holds: an item's write carries all of the batch's records for it above its mark and is
 * all-or-nothing. A record's decision is taken once, when its user-day mark first passes it, and is found again from
 * the item (its segment's entries and later copies). So a record delivered again is counted exactly in the items
 * that lack it.
 *
 * <p>No transactions: a user's records share a partition key and so one shard, every user-day item has one writer
 * at a time; action-hour items (many users of one shard each) need {@code ParallelizationFactor: 1}.
 */
public final class ActivityBatchApplier implements BatchApplier<ActivityEvent> {
    private final ActivityStore store;
    private final ConcurrentRequests requests;
    private final UserDayWriter userDays;
    private final ActionHourWriter actionHours;
    private final BatchItemReader reader;

    public ActivityBatchApplier(ActivityStore store, Clock clock, int maxConcurrentRequests) {
        this.store = store;
        this.requests = ConcurrentRequests.upTo(maxConcurrentRequests, "activity-requests");
        this.userDays = new UserDayWriter(store, requests);
        this.actionHours = new ActionHourWriter(store, requests);
        this.reader = new BatchItemReader(store, requests);
    }

    @Override
    public void apply(List<InboundRecord<ActivityEvent>> records, ApplyContext context) {
        TransientRetry retry = context.retry();
        Map<RecordRef, List<RecordRef>> laterCopies = new HashMap<>();
        List<InboundRecord<ActivityEvent>> firstOccurrences = firstOccurrences(records, context, laterCopies);
        if (firstOccurrences.isEmpty() || context.deadline().expired()) {
            return;
        }

        // Every item the batch may write, in one round.
        Map<UserDayKey, List<InboundRecord<ActivityEvent>>> byUserDay = ActivityAggregator.byUserDay(firstOccurrences);
        List<ItemKey> keys = new ArrayList<>();
        byUserDay.keySet().forEach(key -> keys.add(key.itemKey()));
        Set<ActionHourKey> actionHourKeys = new HashSet<>();
        for (InboundRecord<ActivityEvent> record : firstOccurrences) {
            ActionHourKey key = ActivityAggregator.actionHourOf(record);
            if (actionHourKeys.add(key)) {
                keys.add(key.itemKey());
            }
        }
        // While the items are read, what deciding needs of each record that no item changes.
        AtomicReference<RecordFacts> facts = new AtomicReference<>(RecordFacts.NONE);
        BatchItemReader.Reads reads = reader.readAll(keys, retry, () -> facts.set(RecordFacts.of(firstOccurrences)));
        if (context.deadline().expired()) {
            return;
        }

        // Decide every record from its user-day item as read: counted (now or before) or a duplicate.
        UserDayWriter.Plan plan = userDays.plan(byUserDay, reads, firstDeliveredOf(firstOccurrences, context),
                laterCopies, facts.get());
        Frontier frontier = new Frontier();
        plan.unread().forEach(frontier::stopAt);
        List<InboundRecord<ActivityEvent>> toActionHours = frontier.admitted(plan.counted());
        Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> byActionHour =
                ActivityAggregator.byActionHour(toActionHours);

        // The action-hour puts and the user-day puts, all at once; the action-hour puts first, as their items are
        // quick to build, while each user-day slice's items are built by the thread that sends them.
        List<Object> writes = new ArrayList<>(byActionHour.keySet());
        writes.addAll(plan.slices());
        // While they are in flight, the records done if every write succeeds.
        AtomicReference<List<InboundRecord<ActivityEvent>>> doneIfAllWritten = new AtomicReference<>();
        List<Object> results = requests.map(writes, write -> {
            if (write instanceof ActionHourKey key) {
                return reads.wasRead(key.itemKey()) && actionHours.writeOne(key,
                        ActionHourWriter.current(key, reads.found().get(key.itemKey())), byActionHour.get(key),
                        facts.get(), retry);
            }
            return UserDayWriter.put(store, userDaySlice(write), retry);
        }, write -> write instanceof ActionHourKey ? Boolean.FALSE : UserDayWriter.keysOf(userDaySlice(write)),
                () -> doneIfAllWritten.set(done(plan.outcome(List.of()), frontier, Set.of())));

        List<UserDayKey> unwritten = new ArrayList<>();
        Set<RecordRef> actionHourFailed = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            Object result = results.get(i);
            if (writes.get(i) instanceof ActionHourKey key) {
                if (!Boolean.TRUE.equals(result)) {
                    byActionHour.get(key).forEach(record -> actionHourFailed.add(record.ref()));
                }
            } else {
                @SuppressWarnings("unchecked")
                List<UserDayKey> notWritten = (List<UserDayKey>) result;
                unwritten.addAll(notWritten);
            }
        }
        List<InboundRecord<ActivityEvent>> done = unwritten.isEmpty() && actionHourFailed.isEmpty()
                ? doneIfAllWritten.get() : done(plan.outcome(unwritten), frontier, actionHourFailed);
        done.forEach(record -> context.applied(record.ref()));
    }

    /**
     * A duplicate is done once its user-day item (whose mark moved past it) is written; a counted record once its
     * user-day and its action-hour item are.
     */
    private static List<InboundRecord<ActivityEvent>> done(UserDayWriter.Outcome userDayOutcome, Frontier frontier,
                                                           Set<RecordRef> actionHourFailed) {
        List<InboundRecord<ActivityEvent>> done = new ArrayList<>(userDayOutcome.duplicates());
        for (InboundRecord<ActivityEvent> record : userDayOutcome.counted()) {
            if (frontier.admits(record.ref()) && !actionHourFailed.contains(record.ref())) {
                done.add(record);
            }
        }
        return done;
    }

    @SuppressWarnings("unchecked")
    private static List<UserDay> userDaySlice(Object write) {
        return (List<UserDay>) write;
    }

    /** Per shard, the first record Lambda delivered (from the core), or else the first record of this call. */
    private static Map<String, RecordRef> firstDeliveredOf(List<InboundRecord<ActivityEvent>> records,
                                                           ApplyContext context) {
        Map<String, RecordRef> firsts = new HashMap<>();
        for (InboundRecord<ActivityEvent> record : records) {
            String shard = record.ref().shardId();
            if (!firsts.containsKey(shard)) {
                RecordRef delivered = context.firstDelivered(shard);
                firsts.put(shard, delivered != null ? delivered : record.ref());
            }
        }
        return firsts;
    }

    /**
     * Marks later copies of an eventId within the batch applied: they count through the first copy, and if that one
     * fails, the replay brings them back together and the same choice is made again. (A record whose partition key
     * is not its userId never gets here: the core quarantines it, see {@code ActivityEventDecoder}.)
     */
    private static List<InboundRecord<ActivityEvent>> firstOccurrences(List<InboundRecord<ActivityEvent>> records,
                                                                        ApplyContext context,
                                                                        Map<RecordRef, List<RecordRef>> laterCopies) {
        List<InboundRecord<ActivityEvent>> first = new ArrayList<>(records.size());
        Map<String, RecordRef> seen = new HashMap<>();
        for (InboundRecord<ActivityEvent> record : records) {
            RecordRef firstCopy = seen.putIfAbsent(record.event().eventId(), record.ref());
            if (firstCopy != null) {
                context.applied(record.ref());
                laterCopies.computeIfAbsent(firstCopy, k -> new ArrayList<>()).add(record.ref());
            } else {
                first.add(record);
            }
        }
        return first;
    }

}
