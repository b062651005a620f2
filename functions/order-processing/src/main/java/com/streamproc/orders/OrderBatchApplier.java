package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.KeyedBatchApplier;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.retry.FailureCause;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Applies a batch of order events in two round trips where it can:
 *
 * <ol>
 *   <li>at once: read every order of the batch with one consistent {@code BatchGetItem} per 100 orders (instead of
 *       a {@code GetItem} each), and write the status-change items naming what the batch's events can make each
 *       order reach ({@link StatusChanges}: each event's resulting status on the UTC day it occurred; one item per
 *       day, usually one for the whole batch). A duplicate or rejected event makes an item name an order it will
 *       not move; the queries check every order against its stored state, so that costs nothing but a name;</li>
 *   <li>apply each order as {@link OrderPartitionApplier} does, up to {@code maxConcurrentKeys} at a time,
 *       starting from the order as read in step 1.</li>
 * </ol>
 * An order step 1 could not read is read on its own in step 2. If the status-change items cannot be written, no
 * order is: the records stay unmarked and Lambda replays them.
 */
public final class OrderBatchApplier implements BatchApplier<OrderEvent> {
    private final OrderStore store;
    private final KeyedBatchApplier<OrderEvent> perOrder;
    private final Map<ApplyContext, OrderPartitionApplier.BatchState> states =
            Collections.synchronizedMap(new IdentityHashMap<>());
    /** Writes the status-change items while the calling thread reads the orders. */
    private final ConcurrentRequests statusChanges = ConcurrentRequests.upTo(2, "order-status-changes");

    public OrderBatchApplier(OrderStore store, int maxConcurrentKeys, Clock clock) {
        this.store = store;
        this.perOrder = KeyedBatchApplier.perKey(record -> record.event().orderId(),
                new OrderPartitionApplier(store, clock,
                        context -> states.getOrDefault(context, OrderPartitionApplier.BatchState.NONE)),
                maxConcurrentKeys);
    }

    @Override
    public void apply(List<InboundRecord<OrderEvent>> records, ApplyContext context) {
        if (records.isEmpty() || context.deadline().expired()) {
            return;
        }
        Map<String, Set<StatusChanges.StatusDay>> foreseen = new LinkedHashMap<>();
        for (InboundRecord<OrderEvent> record : records) {
            foreseen.computeIfAbsent(record.event().orderId(), k -> new LinkedHashSet<>())
                    .add(StatusChanges.foreseenBy(record.event()));
        }
        Collection<StatusChanges> items = StatusChanges.of(foreseen, records.get(0).ref(), "b").values();
        CompletableFuture<Void> written = statusChanges.alongside(() -> context.retry().call(() -> {
            store.saveStatusChanges(items);
            return null;
        }));
        Map<String, Optional<Order>> read = readAll(foreseen.keySet(), context);
        try {
            written.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (FailureCause.isDeterministic(cause)) {
                throw (RuntimeException) cause; // for the core's failure model
            }
            return; // transient: nothing is written, every record is replayed
        }
        states.put(context, new OrderPartitionApplier.BatchState(read, foreseen));
        try {
            perOrder.apply(records, context);
        } finally {
            states.remove(context);
        }
    }

    /** The orders that one read per 100 could get; none when it failed (step 2 then reads each). */
    private Map<String, Optional<Order>> readAll(Collection<String> orderIds, ApplyContext context) {
        try {
            return context.retry().call(() -> store.loadAll(orderIds));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
