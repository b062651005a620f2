package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where orders are kept: read consistently, written whole under an optimistic lock. */
public interface OrderStore {
    /** The order as last written (a strongly consistent read), or empty if it was never written. */
    Optional<Order> load(String orderId);

    /**
     * Several orders at once, read as {@link #load} reads one. Orders it could not read this time are absent from
     * the result (the caller reads them one by one); an order read and not found maps to empty.
     */
    default Map<String, Optional<Order>> loadAll(Collection<String> orderIds) {
        Map<String, Optional<Order>> orders = new LinkedHashMap<>();
        orderIds.forEach(id -> orders.put(id, load(id)));
        return orders;
    }

    /**
     * Writes {@code order} whole, provided the stored order is still at {@code replacesVersion} (0: there must be no
     * stored order yet).
     *
     * @throws ConcurrentOrderUpdateException when the stored order is not at {@code replacesVersion}
     */
    void save(Order order, long replacesVersion);

    /**
     * Writes status-change items (each replacing an earlier write of the same key: a replay's); all of them are
     * durable when this returns.
     */
    void saveStatusChanges(Collection<StatusChanges> changes);
}
