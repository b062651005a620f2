package com.streamproc.orders.domain;

import java.util.Optional;

/** The {@code type} of an order event, with the status an order is in once the event is applied. */
public enum OrderEventType {
    ORDER_PLACED(OrderStatus.PLACED),
    PAYMENT_CAPTURED(OrderStatus.PAID),
    ORDER_SHIPPED(OrderStatus.SHIPPED),
    ORDER_DELIVERED(OrderStatus.DELIVERED),
    ORDER_CANCELLED(OrderStatus.CANCELLED),
    ORDER_REFUNDED(OrderStatus.REFUNDED);

    private final OrderStatus resultingStatus;

    OrderEventType(OrderStatus resultingStatus) {
        this.resultingStatus = resultingStatus;
    }

    public OrderStatus resultingStatus() {
        return resultingStatus;
    }

    /** The type named exactly {@code name}, if there is one (names are case-sensitive on the wire). */
    public static Optional<OrderEventType> named(String name) {
        for (OrderEventType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
