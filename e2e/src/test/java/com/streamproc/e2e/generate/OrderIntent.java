package com.streamproc.e2e.generate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What an order-stream record is meant to be. */
public sealed interface OrderIntent {

    /** The six event types of the order contract. */
    enum Type { ORDER_PLACED, PAYMENT_CAPTURED, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, ORDER_REFUNDED }

    /** One line of an order: quantity × unit price in minor units. */
    record Line(String sku, int quantity, long unitPriceMinor) {
    }

    /**
     * An event that passes every check made without stored state; whether it applies is the reference model's call.
     *
     * @param customerId  null when the event does not carry one
     * @param currency    ISO code, null when the event does not carry one
     * @param amountMinor the order total for ORDER_PLACED, the amount for captures and refunds, else null
     * @param occurredAt  as the function stores it: UTC, to the millisecond
     */
    record Event(Type type, String eventId, String orderId, String customerId, String currency, Long amountMinor,
                 List<Line> lines, Instant occurredAt) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(occurredAt, "occurredAt");
            lines = List.copyOf(lines);
        }
    }

    record Valid(Event event) implements OrderIntent {
    }

    /** Rejected before any state is read, with this reason code. */
    record Poison(String reason) implements OrderIntent {
    }
}
