package com.streamproc.orders.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its lifecycle: PLACED → PAID → SHIPPED → DELIVERED; CANCELLED from PLACED or PAID;
 * REFUNDED from PAID, SHIPPED or DELIVERED. CANCELLED and REFUNDED are final.
 */
public enum OrderStatus {
    PLACED, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    /** @return true if an order in this status may move to {@code next} */
    public boolean canBecome(OrderStatus next) {
        return successors().contains(next);
    }

    private Set<OrderStatus> successors() {
        return switch (this) {
            case PLACED -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, CANCELLED, REFUNDED);
            case SHIPPED -> EnumSet.of(DELIVERED, REFUNDED);
            case DELIVERED -> EnumSet.of(REFUNDED);
            case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}
