package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.shared.batch.ApplyContext;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.KeyedBatchApplier;
import com.streamproc.shared.retry.FailureCause;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a batch of order events in three steps:
 *
 * <ol>
 *   <li>reads every order of the batch with one consistent {@code BatchGetItem} per 100 orders (instead of a
 *       {@code GetItem} each: one round trip instead of one per order);</li>
 *   <li>folds each order's records in memory and writes the status-change items that name what the orders will
 *       reach ({@link StatusChanges}: one item per UTC day, usually one for the whole batch), so that the queries
 *       find every order written after them;</li>
 *   <li>applies each order as {@link OrderPartitionApplier} does, up to {@code maxConcurrentKeys} at a time, starting
 *       from the order as read in step 1.</li>
 * </ol>
 * An order step 1 could not read is read on its own in step 3. If the status-change items cannot be written, no
 * order is: the records stay unmarked and Lambda replays them.
 */
public final class OrderBatchApplier implements BatchApplier<OrderEvent> {
    private final OrderStore store;
    private final KeyedBatchApplier<OrderEvent> perOrder;
    private final Map<ApplyContext, OrderPartitionApplier.BatchState> states =
            java.util.Collections.synchronizedMap(new IdentityHashMap<>());

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
        Map<String, List<InboundRecord<OrderEvent>>> byOrder = new LinkedHashMap<>();
        for (InboundRecord<OrderEvent> record : records) {
            byOrder.computeIfAbsent(record.event().orderId(), k -> new ArrayList<>()).add(record);
        }
        Map<String, Optional<Order>> read = readAll(byOrder.keySet(), context);

        Map<String, Set<StatusChanges.StatusDay>> reached = new LinkedHashMap<>();
        byOrder.forEach((orderId, group) -> {
            Optional<Order> stored = read.get(orderId);
            if (stored != null) {
                OrderFold.Result result = OrderFold.fold(stored.orElse(null), group);
                if (result.changed()) {
                    reached.put(orderId, StatusChanges.reachedBy(stored.orElse(null), result.order()));
                }
            }
        });
        if (!reached.isEmpty()) {
            Collection<StatusChanges> items = StatusChanges.of(reached, records.get(0).ref(), "b").values();
            try {
                context.retry().call(() -> {
                    store.saveStatusChanges(items);
                    return null;
                });
            } catch (RuntimeException e) {
                if (FailureCause.isDeterministic(e)) {
                    throw e; // for the core's failure model
                }
                return; // transient: nothing is written, every record is replayed
            }
        }
        states.put(context, new OrderPartitionApplier.BatchState(read, reached));
        try {
            perOrder.apply(records, context);
        } finally {
            states.remove(context);
        }
    }

    /** The orders that one read per 100 could get; none when it failed (step 3 then reads each). */
    private Map<String, Optional<Order>> readAll(Collection<String> orderIds, ApplyContext context) {
        try {
            return context.retry().call(() -> store.loadAll(orderIds));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
