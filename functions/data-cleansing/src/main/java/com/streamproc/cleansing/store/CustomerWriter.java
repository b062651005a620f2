package com.streamproc.cleansing.store;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerMerger;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.PartitionApplier;
import com.streamproc.shared.retry.TransientFailureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies all records of one customer in a batch with one read and at most one write: the records are merged in
 * memory, the stored customer is read (consistently; {@link CustomerBatchApplier} reads a whole batch's customers at
 * once), merged with them, and written back with a conditional
 * {@code PutItem} on the version read. A lost race (another shard wrote the customer in between) re-reads and
 * re-merges, a few times. When the merge changes nothing (a replay, or older data arriving late) nothing is
 * written.
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
    /** Rounds of read-merge-write before giving the records back for a replay. */
    public static final int MAX_WRITE_ROUNDS = 5;

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
        Optional<StoredCustomer> read = prefetched.apply(context).get(customerKey);
        for (int round = 1; round <= MAX_WRITE_ROUNDS; round++) {
            if (context.deadline().expired()) {
                return;
            }
            Optional<StoredCustomer> current = round == 1 && read != null ? read
                    : context.retry().call(() -> store.load(customerKey));
            Customer base = current.map(StoredCustomer::customer).orElseGet(() -> Customer.empty(customerKey));
            Customer merged = CustomerMerger.merge(base, patch);
            if (current.isPresent() && merged.equals(base)) {
                markApplied(records, context);
                return;
            }
            long expectedVersion = current.map(StoredCustomer::version).orElse(0L);
            if (context.retry().call(() -> store.putIfVersion(merged, expectedVersion))) {
                markApplied(records, context);
                return;
            }
            context.retry().backoff(round);
        }
        // Contention, not the records: the replay merges them again.
        markFailed(records, context, new TransientFailureException(
                "customer kept changing under " + MAX_WRITE_ROUNDS + " write attempts"));
    }

    private static void markApplied(List<InboundRecord<CleansedRecord>> records, ApplyContext context) {
        records.forEach(record -> context.applied(record.ref()));
    }

    private static void markFailed(List<InboundRecord<CleansedRecord>> records, ApplyContext context,
                                   RuntimeException failure) {
        records.forEach(record -> context.failed(record.ref(), failure));
    }
}
