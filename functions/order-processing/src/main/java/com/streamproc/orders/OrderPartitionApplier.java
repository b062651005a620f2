package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.ConcurrentOrderUpdateException;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.PartitionApplier;
import com.streamproc.shared.retry.TransientFailureException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one order's records of a batch: the order as read for the batch (or one consistent read), the
 * {@link OrderFold} in memory, then at most one conditional write of the whole order (optimistic lock on
 * {@code version}). Records are marked only once their outcome is durable.
 *
 * <p>Before an order is written with a status and day, a durable status-change item must name it
 * ({@link StatusChanges}): the batch wrote one for what its first fold foresaw ({@link OrderBatchApplier}); a fold
 * that reaches something else (after a lost race) writes its own first.
 *
 * <p>A lost race (another writer moved the version) re-reads and re-folds, a bounded number of times. That also
 * settles a write whose response was lost: the retried put fails its condition, the re-read shows the events
 * applied, and the re-fold finds only duplicates.
 *
 * <p>Failures of the read or the writes are not caught here: they concern the whole fold, so they go to the core's
 * failure model ({@code KeyedBatchApplier}): a transient one leaves the order's records for the replay, a
 * deterministic one (an order item DynamoDB refuses) is narrowed to the record that causes it, which is
 * quarantined as {@code PROCESSING_ERROR}.
 */
public final class OrderPartitionApplier implements PartitionApplier<OrderEvent> {
    /** Read-fold-write rounds per order and batch before the order is left for the replay. */
    public static final int MAX_ROUNDS = 4;

    /**
     * What the batch already did for its orders.
     *
     * @param read    orders read for the batch (absent: not read; empty: no such order)
     * @param covered per order, the status-days durable status-change items already name
     */
    record BatchState(Map<String, Optional<Order>> read, Map<String, Set<StatusChanges.StatusDay>> covered) {
        static final BatchState NONE = new BatchState(Map.of(), Map.of());
    }

    private final OrderStore store;
    private final Clock clock;
    private final Function<ApplyContext, BatchState> batchState;

    public OrderPartitionApplier(OrderStore store, Clock clock) {
        this(store, clock, context -> BatchState.NONE);
    }

    OrderPartitionApplier(OrderStore store, Clock clock, Function<ApplyContext, BatchState> batchState) {
        this.store = store;
        this.clock = clock;
        this.batchState = batchState;
    }

    @Override
    public void apply(String orderId, List<InboundRecord<OrderEvent>> records, ApplyContext context) {
        InboundRecord<OrderEvent> first = records.get(0);
        BatchState state = batchState.apply(context);
        Set<StatusChanges.StatusDay> covered = new HashSet<>(state.covered().getOrDefault(orderId, Set.of()));
        Optional<Order> prefetched = state.read().get(orderId);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            if (round > 1 && context.deadline().expired()) {
                return; // Unmarked: reported and replayed.
            }
            Order stored = round == 1 && prefetched != null ? prefetched.orElse(null)
                    : context.retry().call(() -> store.load(orderId)).orElse(null);
            OrderFold.Result result = OrderFold.fold(stored, records);
            if (!result.changed()) {
                mark(result, context);
                return;
            }
            long storedVersion = stored == null ? 0 : stored.version();
            Order next = result.order().asWritten(clock.instant().truncatedTo(ChronoUnit.MILLIS), storedVersion + 1);
            Set<StatusChanges.StatusDay> needed = new HashSet<>(StatusChanges.reachedBy(stored, next));
            needed.removeAll(covered);
            if (!needed.isEmpty()) {
                var items = StatusChanges.of(Map.of(orderId, needed), first.ref(), "o" + round).values();
                context.retry().call(() -> {
                    store.saveStatusChanges(items);
                    return null;
                });
                covered.addAll(needed);
            }
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
