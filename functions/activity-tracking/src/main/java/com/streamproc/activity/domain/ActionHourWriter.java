package com.streamproc.activity.domain;

import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.BatchItemReader;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a batch's action-hour aggregates (one item per action, UTC hour and shard): consistent BatchGetItem, add
 * the records above the item's mark, conditional PutItem that succeeds only if the mark is still the one read
 * (optimistic, no transaction). A failed condition means another writer got there first (it cannot happen with one
 * lane per shard, but a stray overlapping invocation must not lose an update): re-read and recompute, a bounded
 * number of times.
 *
 * <p>The mark is one sequence number for records of many users, so these items are only exact if a shard's records
 * are applied in order by one writer: the function is deployed with {@code ParallelizationFactor: 1}.
 */
public final class ActionHourWriter {
    static final int MAX_ATTEMPTS = 3;

    private final ActivityStore store;
    private final BatchItemReader reader;
    private final ConcurrentRequests requests;

    public ActionHourWriter(ActivityStore store, ConcurrentRequests requests) {
        this.store = store;
        this.reader = new BatchItemReader(store, requests);
        this.requests = requests;
    }

    /** @return the records whose item was not written; none of a group's records are counted unless all are */
    public Set<RecordRef> write(Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> groups, TransientRetry retry) {
        if (groups.isEmpty()) {
            return new HashSet<>();
        }
        return write(groups, retry,
                reader.readAll(groups.keySet().stream().map(ActionHourKey::itemKey).toList(), retry));
    }

    /**
     * The same, from reads that covered the groups' items (among others), made earlier in the batch: safe, because
     * each put is conditional on the mark it read, and a failed condition reads the item again.
     */
    public Set<RecordRef> write(Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> groups, TransientRetry retry,
                                BatchItemReader.Reads reads) {
        Set<RecordRef> notWritten = new HashSet<>();
        if (groups.isEmpty()) {
            return notWritten;
        }
        List<ActionHourKey> keys = new ArrayList<>(groups.keySet());
        List<Boolean> written = requests.map(keys, key -> {
            ItemKey itemKey = key.itemKey();
            if (!reads.wasRead(itemKey)) {
                return false;
            }
            return writeOne(key, current(key, reads.found().get(itemKey)), groups.get(key), RecordFacts.NONE, retry);
        }, key -> false);
        for (int i = 0; i < keys.size(); i++) {
            if (!written.get(i)) {
                groups.get(keys.get(i)).forEach(record -> notWritten.add(record.ref()));
            }
        }
        return notWritten;
    }

    boolean writeOne(ActionHourKey key, ActionHour current, List<InboundRecord<ActivityEvent>> records,
                     RecordFacts facts, TransientRetry retry) {
        for (int attempt = 1; ; attempt++) {
            ActionHour updated = current.applying(records, facts);
            if (updated == current) {
                return true;
            }
            if (!retry.hasTimeForAnotherTry()) {
                return false;
            }
            String expectedHwm = current.hwm();
            boolean put;
            try {
                put = retry.call(() -> store.putIfUnchanged(updated.toItem(), expectedHwm));
            } catch (RuntimeException e) {
                if (FailureCause.isDeterministic(e)) {
                    throw e; // for the core's failure model
                }
                return false;
            }
            // A retried put whose first attempt did land fails its condition; the re-read then finds nothing new.
            if (put) {
                return true;
            }
            if (attempt >= MAX_ATTEMPTS) {
                return false;
            }
            BatchItemReader.Reads again = reader.readAll(List.of(key.itemKey()), retry);
            if (!again.wasRead(key.itemKey())) {
                return false;
            }
            current = current(key, again.found().get(key.itemKey()));
        }
    }

    static ActionHour current(ActionHourKey key, Map<String, AttributeValue> stored) {
        return stored == null ? ActionHour.empty(key) : ActionHour.fromItem(key, stored);
    }
}
