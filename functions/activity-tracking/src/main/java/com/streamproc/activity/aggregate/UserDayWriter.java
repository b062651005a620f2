package com.streamproc.activity.aggregate;

import com.streamproc.activity.event.ActivityEvent;
import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.DynamoBatchWriter;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a batch's user-day aggregates: one consistent BatchGetItem per 100 items, merge in memory (only records
 * above each item's per-shard mark), one full-item put per changed item with BatchWriteItem (25 per request).
 *
 * <p>Why read-merge-put without a condition is safe: a user's records share a partition key, so they live in one
 * shard, and Lambda gives a shard's records to one processing lane per key (even with ParallelizationFactor > 1
 * records of one key stay in one lane, in order), and processes a parent shard before its children. So each
 * user-day item has a single writer at a time, nothing can change it between the read and the put, and the per-shard
 * mark ({@link UserDay#hwm()}) makes a replayed record a no-op. The read is strongly consistent so that it sees the
 * previous batch's put.
 */
public final class UserDayWriter {
    private final ActivityStore store;
    private final BatchItemReader reader;
    private final ConcurrentRequests requests;

    public UserDayWriter(ActivityStore store, ConcurrentRequests requests) {
        this.store = store;
        this.reader = new BatchItemReader(store, requests);
        this.requests = requests;
    }

    /**
     * Counts each group's records in its user-day item.
     *
     * @return the records whose item was not written (not readable, not written, or out of time): none of a
     *         group's records are counted unless all are
     */
    public Set<RecordRef> write(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups, TransientRetry retry) {
        if (groups.isEmpty()) {
            return new HashSet<>();
        }
        return write(groups, retry,
                reader.readAll(groups.keySet().stream().map(UserDayKey::itemKey).toList(), retry));
    }

    /** The same, from reads that covered the groups' items (among others), made earlier in the batch. */
    public Set<RecordRef> write(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups, TransientRetry retry,
                                BatchItemReader.Reads reads) {
        Set<RecordRef> notWritten = new HashSet<>();
        if (groups.isEmpty()) {
            return notWritten;
        }
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        Map<Map<String, AttributeValue>, UserDayKey> keyOfPut = new IdentityHashMap<>();
        groups.forEach((key, records) -> {
            ItemKey itemKey = key.itemKey();
            if (!reads.wasRead(itemKey)) {
                records.forEach(record -> notWritten.add(record.ref()));
                return;
            }
            Map<String, AttributeValue> stored = reads.found().get(itemKey);
            UserDay current = stored == null ? UserDay.empty(key) : UserDay.fromItem(stored);
            UserDay updated = current.applying(records);
            if (updated != current) {
                Map<String, AttributeValue> item = updated.toItem();
                puts.add(item);
                keyOfPut.put(item, key);
            }
        });
        List<List<Map<String, AttributeValue>>> unwritten = requests.map(
                ConcurrentRequests.slices(puts, DynamoBatchWriter.MAX_ITEMS_PER_REQUEST),
                slice -> store.putAll(slice, retry), slice -> slice);
        for (List<Map<String, AttributeValue>> items : unwritten) {
            for (Map<String, AttributeValue> item : items) {
                groups.get(keyOfPut.get(item)).forEach(record -> notWritten.add(record.ref()));
            }
        }
        return notWritten;
    }
}
