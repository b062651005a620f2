package com.streamproc.cleansing.store;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.KeyedBatchApplier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every customer of a batch with one consistent {@code BatchGetItem} per 100 customers (one round trip instead
 * of a {@code GetItem} each), then merges and writes each customer as {@link CustomerWriter} does, up to
 * {@code maxConcurrentKeys} at a time, starting from what was read. A customer the batch read could not get is read
 * on its own.
 */
public final class CustomerBatchApplier implements BatchApplier<CleansedRecord> {
    private final CustomerStore store;
    private final KeyedBatchApplier<CleansedRecord> perCustomer;
    private final Map<ApplyContext, Map<String, Optional<StoredCustomer>>> read =
            Collections.synchronizedMap(new IdentityHashMap<>());

    public CustomerBatchApplier(CustomerStore store, int maxConcurrentKeys) {
        this.store = store;
        this.perCustomer = KeyedBatchApplier.perKey(record -> record.event().customerKey(),
                new CustomerWriter(store, context -> read.getOrDefault(context, Map.of())), maxConcurrentKeys);
    }

    @Override
    public void apply(List<InboundRecord<CleansedRecord>> records, ApplyContext context) {
        if (records.isEmpty() || context.deadline().expired()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        records.forEach(record -> keys.add(record.event().customerKey()));
        Map<String, Optional<StoredCustomer>> customers;
        try {
            customers = context.retry().call(() -> store.loadAll(keys));
        } catch (RuntimeException e) {
            customers = Map.of(); // each customer is read on its own
        }
        read.put(context, customers);
        try {
            perCustomer.apply(records, context);
        } finally {
            read.remove(context);
        }
    }
}
