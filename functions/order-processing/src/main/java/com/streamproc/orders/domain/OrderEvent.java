package com.streamproc.orders.domain;

import java.util.List;
import java.util.Objects;

/** The events of an order's life, as the order-processing function understands them. */
public sealed interface OrderEvent {
    EventHeader header();

    OrderEventType type();

    default String eventId() {
        return header().eventId();
    }

    default String orderId() {
        return header().orderId();
    }

    /** A new order with its lines; {@code total} equals the sum of the lines (checked when decoding). */
    record OrderPlaced(EventHeader header, List<LineItem> items, Money total) implements OrderEvent {
        public OrderPlaced {
            Objects.requireNonNull(header.customerId(), "customerId");
            Objects.requireNonNull(total, "total");
            items = List.copyOf(items);
            if (!total.currency().equals(header.currency())) {
                throw new IllegalArgumentException("total must be in the event's currency");
            }
        }

        @Override
        public OrderEventType type() {
            return OrderEventType.ORDER_PLACED;
        }
    }

    /** The payment for the order was captured; {@code amount} must equal the order total. */
    record PaymentCaptured(EventHeader header, Money amount) implements OrderEvent {
        public PaymentCaptured {
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public OrderEventType type() {
            return OrderEventType.PAYMENT_CAPTURED;
        }
    }

    record OrderShipped(EventHeader header) implements OrderEvent {
        @Override
        public OrderEventType type() {
            return OrderEventType.ORDER_SHIPPED;
        }
    }

    record OrderDelivered(EventHeader header) implements OrderEvent {
        @Override
        public OrderEventType type() {
            return OrderEventType.ORDER_DELIVERED;
        }
    }

    record OrderCancelled(EventHeader header) implements OrderEvent {
        @Override
        public OrderEventType type() {
            return OrderEventType.ORDER_CANCELLED;
        }
    }

    /** (Part of) the captured payment was refunded; {@code amount} must not exceed what was captured. */
    record OrderRefunded(EventHeader header, Money amount) implements OrderEvent {
        public OrderRefunded {
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public OrderEventType type() {
            return OrderEventType.ORDER_REFUNDED;
        }
    }
}
