package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.ConcurrentOrderUpdateException;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.PartitionApplier;
import com.streamproc.shared.retry.TransientFailureException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Applies one order's records of a batch: one consistent read, the {@link OrderFold} in memory, then at most one
 * conditional write of the whole order (optimistic lock on {@code version}). Records are marked only once their
 * outcome is durable.
 *
 * <p>A lost race (another writer moved the version) re-reads and re-folds, a bounded number of times. That also
 * settles a write whose response was lost: the retried put fails its condition, the re-read shows the events
 * applied, and the re-fold finds only duplicates.
 *
 * <p>Failures of the read or the write are not caught here: they concern the whole fold, so they go to the core's
 * failure model ({@code KeyedBatchApplier}): a transient one leaves the order's records for the replay, a
 * deterministic one (an order item DynamoDB refuses) is narrowed to the record that causes it, which is
 * quarantined as {@code PROCESSING_ERROR}.
 */
public final class OrderPartitionApplier implements PartitionApplier<OrderEvent> {
    /** Read-fold-write rounds per order and batch before the order is left for the replay. */
    public static final int MAX_ROUNDS = 4;

    private final OrderStore store;
    private final Clock clock;

    public OrderPartitionApplier(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void apply(String orderId, List<InboundRecord<OrderEvent>> records, ApplyContext context) {
        InboundRecord<OrderEvent> first = records.get(0);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            if (round > 1 && context.deadline().expired()) {
                return; // Unmarked: reported and replayed.
            }
            Order stored = context.retry().call(() -> store.load(orderId)).orElse(null);
            OrderFold.Result result = OrderFold.fold(stored, records);
            if (!result.changed()) {
                mark(result, context);
                return;
            }
            long storedVersion = stored == null ? 0 : stored.version();
            Order next = result.order().asWritten(clock.instant().truncatedTo(ChronoUnit.MILLIS), storedVersion + 1);
            try {
                context.retry().call(() -> {
                    store.save(next, storedVersion);
                    return null;
                });
                mark(result, context);
                return;
            } catch (ConcurrentOrderUpdateException raced) {
                // Another writer got there first: fold again over what it wrote.
            }
        }
        // Contention, not the records: the replay folds them again.
        context.failed(first.ref(), new TransientFailureException(
                "order kept changing under " + MAX_ROUNDS + " read-fold-write rounds"));
    }

    private static void mark(OrderFold.Result result, ApplyContext context) {
        for (OrderFold.Decision decision : result.decisions()) {
            if (decision instanceof OrderFold.Decision.Rejected rejected) {
                context.poison(rejected.ref(), rejected.reason());
            } else {
                context.applied(decision.ref());
            }
        }
    }
}
