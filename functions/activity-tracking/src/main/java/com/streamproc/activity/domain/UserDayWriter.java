package com.streamproc.activity.domain;

import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.dynamo.DynamoBatchWriter;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
     * What the user-day phase made of a batch.
     *
     * @param notWritten records whose item was not read or not written: nothing about them is decided
     * @param counted    records counted in their user-day item (now or before): they go on to the action-hour items
     * @param duplicates records whose event their user-day item counted through another record: done
     */
    public record Outcome(Set<RecordRef> notWritten, List<InboundRecord<ActivityEvent>> counted,
                          List<InboundRecord<ActivityEvent>> duplicates) {
    }

    /** Counts each group's records in its user-day item, from reads made earlier that covered the items. */
    public Outcome write(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups, TransientRetry retry,
                         BatchItemReader.Reads reads, Map<String, RecordRef> firstDelivered) {
        Plan plan = plan(groups, reads, firstDelivered, Map.of());
        List<List<UserDayKey>> unwritten = requests.map(plan.slices(), slice -> put(store, slice, retry),
                UserDayWriter::keysOf);
        return plan.outcome(unwritten.stream().flatMap(List::stream).toList());
    }

    /**
     * Puts one slice of a plan ({@code BatchWriteItem}); the items are built here, on the thread that sends them, so
     * that building a batch's items overlaps with the requests already sent.
     *
     * @return the keys of the items that were not written
     */
    public static List<UserDayKey> put(ActivityStore store, List<UserDay> slice, TransientRetry retry) {
        Map<Map<String, AttributeValue>, UserDayKey> keyOf = new IdentityHashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>(slice.size());
        for (UserDay userDay : slice) {
            Map<String, AttributeValue> item = userDay.toItem();
            keyOf.put(item, userDay.key());
            items.add(item);
        }
        List<UserDayKey> unwritten = new ArrayList<>();
        for (Map<String, AttributeValue> item : store.putAll(items, retry)) {
            unwritten.add(keyOf.get(item));
        }
        return unwritten;
    }

    /** All keys of a slice: what a slice whose request failed as a whole left unwritten. */
    public static List<UserDayKey> keysOf(List<UserDay> slice) {
        List<UserDayKey> keys = new ArrayList<>(slice.size());
        slice.forEach(userDay -> keys.add(userDay.key()));
        return keys;
    }

    /**
     * The decisions and the puts of a batch's user-day items, before anything is written: the decisions depend only
     * on the items as read, so the action-hour writes can start at the same time as these puts.
     */
    public Plan plan(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups, BatchItemReader.Reads reads,
                     Map<String, RecordRef> firstDelivered, Map<RecordRef, List<RecordRef>> laterCopies) {
        return plan(groups, reads, firstDelivered, laterCopies, RecordFacts.NONE);
    }

    /** @param facts the records' facts, if computed while the items were read */
    public Plan plan(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups, BatchItemReader.Reads reads,
                     Map<String, RecordRef> firstDelivered, Map<RecordRef, List<RecordRef>> laterCopies,
                     RecordFacts facts) {
        Set<RecordRef> unread = new HashSet<>();
        List<UserDay> puts = new ArrayList<>();
        Map<UserDayKey, UserDay.Decision> decisions = new LinkedHashMap<>();
        groups.forEach((key, records) -> {
            ItemKey itemKey = key.itemKey();
            if (!reads.wasRead(itemKey)) {
                records.forEach(record -> unread.add(record.ref()));
                return;
            }
            Map<String, AttributeValue> stored = reads.found().get(itemKey);
            UserDay current = stored == null ? UserDay.empty(key) : UserDay.fromItem(stored);
            UserDay.Decision decision = current.deciding(records, firstDelivered, laterCopies, facts);
            decisions.put(key, decision);
            if (decision.updated() != current) {
                puts.add(decision.updated());
            }
        });
        return new Plan(groups, decisions, unread, ConcurrentRequests.slices(puts,
                DynamoBatchWriter.MAX_ITEMS_PER_REQUEST));
    }

    /**
     * @param decisions per readable item, what its records are
     * @param unread    records whose item could not be read: nothing about them is decided
     * @param slices    the changed items, one {@code BatchWriteItem} each ({@link #put})
     */
    public record Plan(Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups,
                       Map<UserDayKey, UserDay.Decision> decisions, Set<RecordRef> unread,
                       List<List<UserDay>> slices) {
        /** The records counted in a readable item (now or before), whether or not its put succeeds. */
        public List<InboundRecord<ActivityEvent>> counted() {
            List<InboundRecord<ActivityEvent>> counted = new ArrayList<>();
            decisions.values().forEach(decision -> counted.addAll(decision.counted()));
            return counted;
        }

        /** The outcome once the puts are done; {@code unwritten} are the keys of the items that were not written. */
        public Outcome outcome(List<UserDayKey> unwritten) {
            Set<RecordRef> notWritten = new HashSet<>(unread);
            Set<UserDayKey> failed = new HashSet<>();
            for (UserDayKey key : unwritten) {
                failed.add(key);
                groups.get(key).forEach(record -> notWritten.add(record.ref()));
            }
            List<InboundRecord<ActivityEvent>> counted = new ArrayList<>();
            List<InboundRecord<ActivityEvent>> duplicates = new ArrayList<>();
            decisions.forEach((key, decision) -> {
                if (!failed.contains(key)) {
                    counted.addAll(decision.counted());
                    duplicates.addAll(decision.duplicates());
                }
            });
            return new Outcome(notWritten, counted, duplicates);
        }
    }
}
