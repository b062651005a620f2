package com.streamproc.activity.aggregate;

import com.streamproc.activity.event.ActivityEvent;
import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of activity events to the aggregates, exactly once per event, in phases. Aggregates cross users,
 * so this is one applier for the whole batch rather than a per-key one.
 *
 * <p>Every item the phases may need (the events' markers, their user-day and action-hour items) is read first, in
 * one round of concurrent {@code BatchGetItem}s, so that the phases cost one round trip each for their writes only.
 * Reading a user-day or action-hour item before the phases that write it is safe: only this batch writes them
 * meanwhile (one writer per shard), and an action-hour put is conditional on the mark it read anyway.
 *
 * <ol start="0">
 *   <li>Drop what is already counted: later copies of an eventId within the batch (the first copy counts) and events
 *       with a marker ({@link EventMarkerStore}). A record whose marker could not be read, and every later record,
 *       waits for the replay (the frontier): otherwise a later record could move an item's mark past it.</li>
 *   <li>User-day items ({@link UserDayWriter}). The frontier moves down to f, the earliest record whose user-day
 *       item was not written.</li>
 *   <li>Action-hour items ({@link ActionHourWriter}) for the records below f only, so an action-hour mark never
 *       passes a record that is not yet counted in its user-day: the two views stay consistent at every moment.</li>
 *   <li>Markers ({@link EventMarkerStore}) for the records whose user-day and action-hour writes both succeeded.</li>
 * </ol>
 *
 * <p><b>Replay guard.</b> A record is marked applied once its marker is written (or it was dropped in phase 0);
 * every other record stays unmarked, and Lambda replays from the earliest of them. Each item ignores records at or
 * below its own high-water mark, and each mark covers only records counted in that item: an item's write carries all
 * of the item's records of the batch that are above its mark and is all-or-nothing, and no phase takes a record
 * above one that an earlier phase left out. A marker exists only for a record counted everywhere. So a replayed
 * record is dropped by its marker, or counted exactly in the items that lack it.
 *
 * <p>No transactions: a user's records share a partition key and so one shard, every user-day item has one writer
 * at a time; action-hour items (many users of one shard each) need {@code ParallelizationFactor: 1}.
 */
public final class ActivityBatchApplier implements BatchApplier<ActivityEvent> {
    private final EventMarkerStore markers;
    private final UserDayWriter userDays;
    private final ActionHourWriter actionHours;
    private final BatchItemReader reader;

    public ActivityBatchApplier(ActivityStore store, Clock clock, int maxConcurrentRequests) {
        ConcurrentRequests requests = ConcurrentRequests.upTo(maxConcurrentRequests);
        this.markers = new EventMarkerStore(store, requests, clock);
        this.userDays = new UserDayWriter(store, requests);
        this.actionHours = new ActionHourWriter(store, requests);
        this.reader = new BatchItemReader(store, requests);
    }

    @Override
    public void apply(List<InboundRecord<ActivityEvent>> records, ApplyContext context) {
        TransientRetry retry = context.retry();
        List<InboundRecord<ActivityEvent>> firstOccurrences = firstOccurrences(records, context);
        if (firstOccurrences.isEmpty() || context.deadline().expired()) {
            return;
        }

        // Every item the phases may need, in one round.
        Map<UserDayKey, List<InboundRecord<ActivityEvent>>> allUserDays = ActivityAggregator.byUserDay(firstOccurrences);
        Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> allActionHours =
                ActivityAggregator.byActionHour(firstOccurrences);
        List<ItemKey> keys = new ArrayList<>(EventMarkerStore.keysOf(eventIdsOf(firstOccurrences)));
        allUserDays.keySet().forEach(key -> keys.add(key.itemKey()));
        allActionHours.keySet().forEach(key -> keys.add(key.itemKey()));
        BatchItemReader.Reads reads = reader.readAll(keys, retry);

        Frontier frontier = new Frontier();
        List<InboundRecord<ActivityEvent>> uncounted = uncounted(firstOccurrences, frontier, context, reads);
        // Phase 1: the user-day items; their failures lower the frontier.
        if (uncounted.isEmpty() || context.deadline().expired()) {
            return;
        }

        userDays.write(ActivityAggregator.byUserDay(uncounted), retry, reads).forEach(frontier::stopAt);
        List<InboundRecord<ActivityEvent>> belowFrontier = frontier.admitted(uncounted);
        if (belowFrontier.isEmpty() || context.deadline().expired()) {
            return;
        }

        // Phase 2: the action-hour items, below the frontier only.
        Set<RecordRef> actionHourFailed = actionHours.write(ActivityAggregator.byActionHour(belowFrontier), retry,
                reads);
        List<InboundRecord<ActivityEvent>> counted = belowFrontier.stream()
                .filter(record -> !actionHourFailed.contains(record.ref())).toList();
        if (counted.isEmpty() || context.deadline().expired()) {
            return;
        }

        // Phase 3: a marker says "counted everywhere"; only now is a record applied.
        markers.mark(counted, retry).forEach(context::applied);
    }

    /**
     * Marks later copies of an eventId within the batch applied: they count through the first copy, and if that one
     * fails, the replay brings them back together and the same choice is made again. (A record whose partition key
     * is not its userId never gets here: the core quarantines it, see {@code ActivityEventDecoder}.)
     */
    private static List<InboundRecord<ActivityEvent>> firstOccurrences(List<InboundRecord<ActivityEvent>> records,
                                                                        ApplyContext context) {
        List<InboundRecord<ActivityEvent>> first = new ArrayList<>(records.size());
        Set<String> seen = new HashSet<>();
        for (InboundRecord<ActivityEvent> record : records) {
            if (!seen.add(record.event().eventId())) {
                context.applied(record.ref());
            } else {
                first.add(record);
            }
        }
        return first;
    }

    private static List<String> eventIdsOf(List<InboundRecord<ActivityEvent>> records) {
        return records.stream().map(r -> r.event().eventId()).toList();
    }

    /** Phase 0: drops counted events (applied), holds back those not known to be uncounted (frontier). */
    private List<InboundRecord<ActivityEvent>> uncounted(List<InboundRecord<ActivityEvent>> records,
                                                         Frontier frontier, ApplyContext context,
                                                         BatchItemReader.Reads reads) {
        EventMarkerStore.Lookup lookup = markers.find(eventIdsOf(records), reads);
        List<InboundRecord<ActivityEvent>> uncounted = new ArrayList<>(records.size());
        for (InboundRecord<ActivityEvent> record : records) {
            String eventId = record.event().eventId();
            if (lookup.counted().contains(eventId)) {
                context.applied(record.ref());
            } else if (lookup.unknown().contains(eventId)) {
                frontier.stopAt(record.ref());
            } else {
                uncounted.add(record);
            }
        }
        return frontier.admitted(uncounted);
    }
}
