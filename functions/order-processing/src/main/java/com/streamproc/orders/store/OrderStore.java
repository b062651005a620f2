package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import java.util.Optional;

/** Where orders are kept: read consistently, written whole under an optimistic lock. */
public interface OrderStore {
    /** The order as last written (a strongly consistent read), or empty if it was never written. */
    Optional<Order> load(String orderId);

    /**
     * Writes {@code order} whole, provided the stored order is still at {@code replacesVersion} (0: there must be no
     * stored order yet).
     *
     * @throws ConcurrentOrderUpdateException when the stored order is not at {@code replacesVersion}
     */
    void save(Order order, long replacesVersion);
}
