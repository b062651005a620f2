package com.streamproc.cleansing.store;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerMerger;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.PartitionApplier;
import com.streamproc.shared.batch.VersionedKeyApplier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies all records of one customer in a batch with one read and at most one write: the records are merged in
 * memory, the stored customer is read (consistently; {@link CustomerBatchApplier} reads a whole batch's customers at
 * once), merged with them, and written back with a conditional
 * {@code PutItem} on the version read, through the shared {@link VersionedKeyApplier}: a lost race (another shard
 * wrote the customer in between) re-reads and re-merges, a few times. When the merge changes nothing (a replay, or
 * older data arriving late) nothing is written.
 *
 * <p>Used with {@code KeyedBatchApplier.perKey} keyed by {@link CleansedRecord#customerKey()}. Records are
 * marked applied only after their customer's write succeeded (or was not needed). Records of one source key may
 * belong to different customers; their relative order does not matter, because the merge is commutative and
 * idempotent.
 *
 * <p>Failures of the read or the write are not caught here: they concern the whole merge, so they go to the core's
 * failure model ({@code KeyedBatchApplier}): transient, the customer's records wait for the replay; deterministic
 * (a customer item DynamoDB refuses), the record that causes it is found and quarantined.
 */
public final class CustomerWriter implements PartitionApplier<CleansedRecord> {
    private final CustomerStore store;
    private final Function<ApplyContext, Map<String, Optional<StoredCustomer>>> prefetched;

    public CustomerWriter(CustomerStore store) {
        this(store, context -> Map.of());
    }

    /** @param prefetched per batch, the customers read for it at once (absent: not read) */
    public CustomerWriter(CustomerStore store, Function<ApplyContext, Map<String, Optional<StoredCustomer>>> prefetched) {
        this.store = store;
        this.prefetched = prefetched;
    }

    @Override
    public void apply(String customerKey, List<InboundRecord<CleansedRecord>> records, ApplyContext context) {
        Customer incoming = Customer.empty(customerKey);
        for (InboundRecord<CleansedRecord> record : records) {
            incoming = CustomerMerger.merge(incoming, Customer.of(record.event()));
        }
        Customer patch = incoming;
        VersionedKeyApplier.apply(customerKey, records, context, prefetched.apply(context).get(customerKey),
                new VersionedKeyApplier.Steps<StoredCustomer, Customer>() {
                    @Override
                    public Optional<StoredCustomer> load(String key) {
                        return store.load(key);
                    }

                    @Override
                    public long versionOf(StoredCustomer stored) {
                        return stored.version();
                    }

                    @Override
                    public Customer fold(StoredCustomer stored) {
                        Customer base = stored == null ? Customer.empty(customerKey) : stored.customer();
                        return CustomerMerger.merge(base, patch);
                    }

                    @Override
                    public boolean changes(Customer merged, StoredCustomer stored) {
                        return stored == null || !merged.equals(stored.customer());
                    }

                    @Override
                    public void markOutcomes(Customer merged, ApplyContext context) {
                        markApplied(records, context);
                    }

                    @Override
                    public boolean saveIfVersion(Customer merged, StoredCustomer stored, long expectedVersion,
                                                 int round) {
                        return store.putIfVersion(merged, expectedVersion);
                    }
                });
    }

    private static void markApplied(List<InboundRecord<CleansedRecord>> records, ApplyContext context) {
        records.forEach(record -> context.applied(record.ref()));
    }
}
