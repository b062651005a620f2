package com.streamproc.activity.aggregate;

import static com.streamproc.activity.store.ActivityTableLayout.EVENT_PREFIX;
import static com.streamproc.activity.store.ActivityTableLayout.EVENT_SK;
import static com.streamproc.activity.store.ActivityTableLayout.EXPIRES_AT;
import static com.streamproc.activity.store.ActivityTableLayout.PK;
import static com.streamproc.activity.store.ActivityTableLayout.SK;

import com.streamproc.activity.event.ActivityEvent;
import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.DynamoBatchWriter;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Markers of fully counted events ({@code EVENT#<eventId>}), kept for {@link #MARKER_TTL} by the table's TTL.
 *
 * <p>A marker is written only after all of the event's aggregates were written, so "marker exists" means "this
 * event is counted". A record whose event has a marker is dropped: either it is that very record replayed (same
 * shard and sequence number) or a duplicate sent again by the producer (another sequence number). Duplicates share
 * the userId partition key, so they are in one shard and processed in order: no race between the lookup and the
 * marker write.
 */
public final class EventMarkerStore {
    /** Duplicates sent further apart than this are counted twice. */
    public static final Duration MARKER_TTL = Duration.ofDays(7);

    private final ActivityStore store;
    private final BatchItemReader reader;
    private final ConcurrentRequests requests;
    private final Clock clock;

    public EventMarkerStore(ActivityStore store, ConcurrentRequests requests, Clock clock) {
        this.store = store;
        this.reader = new BatchItemReader(store, requests);
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * @param counted eventIds with a marker: already counted
     * @param unknown eventIds whose marker could not be read: their records must wait for a replay
     */
    public record Lookup(Set<String> counted, Set<String> unknown) {
    }

    public Lookup find(Collection<String> eventIds, TransientRetry retry) {
        if (eventIds.isEmpty()) {
            return new Lookup(Set.of(), Set.of());
        }
        return find(eventIds, reader.readAll(keysOf(eventIds), retry));
    }

    /** The lookup from reads that covered the markers' keys ({@link #keysOf}) among others. */
    public Lookup find(Collection<String> eventIds, BatchItemReader.Reads reads) {
        Set<String> counted = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        for (String eventId : eventIds) {
            ItemKey key = keyOf(eventId);
            if (!reads.wasRead(key)) {
                unknown.add(eventId);
            } else if (reads.found().containsKey(key)) {
                counted.add(eventId);
            }
        }
        return new Lookup(counted, unknown);
    }

    /** The markers' keys of these events. */
    public static List<ItemKey> keysOf(Collection<String> eventIds) {
        return eventIds.stream().map(EventMarkerStore::keyOf).toList();
    }

    /** Writes the records' markers. @return the records whose marker was written */
    public Set<RecordRef> mark(List<InboundRecord<ActivityEvent>> records, TransientRetry retry) {
        long expiresAt = clock.instant().plus(MARKER_TTL).getEpochSecond();
        List<Map<String, AttributeValue>> items = new ArrayList<>(records.size());
        Map<Map<String, AttributeValue>, RecordRef> refOf = new IdentityHashMap<>();
        for (InboundRecord<ActivityEvent> record : records) {
            Map<String, AttributeValue> item = markerItem(record, expiresAt);
            items.add(item);
            refOf.put(item, record.ref());
        }
        Set<RecordRef> marked = new HashSet<>(refOf.values());
        requests.map(ConcurrentRequests.slices(items, DynamoBatchWriter.MAX_ITEMS_PER_REQUEST),
                        slice -> store.putAll(slice, retry), slice -> slice)
                .forEach(unwritten -> unwritten.forEach(item -> marked.remove(refOf.get(item))));
        return marked;
    }

    private static Map<String, AttributeValue> markerItem(InboundRecord<ActivityEvent> record, long expiresAt) {
        ItemKey key = keyOf(record.event().eventId());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(key.pk()));
        item.put(SK, AttributeValue.fromS(key.sk()));
        item.put("shardId", AttributeValue.fromS(record.ref().shardId()));
        item.put("sequence", AttributeValue.fromS(record.ref().paddedSequence()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static ItemKey keyOf(String eventId) {
        return new ItemKey(EVENT_PREFIX + eventId, EVENT_SK);
    }

}
