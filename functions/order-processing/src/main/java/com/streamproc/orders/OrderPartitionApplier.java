package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.ConcurrentOrderUpdateException;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.PartitionApplier;
import com.streamproc.shared.batch.VersionedKeyApplier;
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
 * <p>The loop (a lost race re-reads and re-folds, a bounded number of times; records marked once durable) is the
 * shared {@link VersionedKeyApplier}'s. That also settles a write whose response was lost: the retried put fails
 * its condition, the re-read shows the events applied, and the re-fold finds only duplicates.
 *
 * <p>Failures of the read or the writes are not caught here: they concern the whole fold, so they go to the core's
 * failure model ({@code KeyedBatchApplier}): a transient one leaves the order's records for the replay, a
 * deterministic one (an order item DynamoDB refuses) is narrowed to the record that causes it, which is
 * quarantined as {@code PROCESSING_ERROR}.
 */
public final class OrderPartitionApplier implements PartitionApplier<OrderEvent> {
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
        VersionedKeyApplier.apply(orderId, records, context, state.read().get(orderId),
                new VersionedKeyApplier.Steps<Order, OrderFold.Result>() {
                    @Override
                    public Optional<Order> load(String key) {
                        return store.load(key);
                    }

                    @Override
                    public long versionOf(Order stored) {
                        return stored.version();
                    }

                    @Override
                    public OrderFold.Result fold(Order stored) {
                        return OrderFold.fold(stored, records);
                    }

                    @Override
                    public boolean changes(OrderFold.Result fold, Order stored) {
                        return fold.changed();
                    }

                    @Override
                    public void markOutcomes(OrderFold.Result fold, ApplyContext context) {
                        mark(fold, context);
                    }

                    @Override
                    public boolean saveIfVersion(OrderFold.Result fold, Order stored, long expectedVersion,
                                                 int round) {
                        Order next = fold.order().asWritten(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                                expectedVersion + 1);
                        Set<StatusChanges.StatusDay> needed = new HashSet<>(StatusChanges.reachedBy(stored, next));
                        needed.removeAll(covered);
                        if (!needed.isEmpty()) {
                            store.saveStatusChanges(StatusChanges.of(Map.of(orderId, needed), first.ref(), "o" + round)
                                    .values());
                            covered.addAll(needed);
                        }
                        try {
                            store.save(next, expectedVersion);
                            return true;
                        } catch (ConcurrentOrderUpdateException raced) {
                            return false;
                        }
                    }
                });
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
