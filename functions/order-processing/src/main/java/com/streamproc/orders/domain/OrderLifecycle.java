package com.streamproc.orders.domain;

import com.streamproc.shared.decode.PoisonRecordException;

/**
 * The order state machine: applies one event to an order, or rejects it with the rule it breaks. Pure: no I/O,
 * no clock. Rules that need no stored state (sums, formats) were checked when the event was decoded.
 */
public final class OrderLifecycle {
    private OrderLifecycle() {
    }

    /**
     * @param current the order as it stands, or {@code null} if it was never placed
     * @return the order after {@code event}
     * @throws PoisonRecordException when the event breaks a rule given the order's state
     */
    public static Order apply(Order current, OrderEvent event) throws PoisonRecordException {
        if (event instanceof OrderEvent.OrderPlaced placed) {
            if (current != null) {
                throw invalidTransition(current, event);
            }
            return Order.placed(placed);
        }
        if (current == null) {
            throw new PoisonRecordException(OrderReasons.ORDER_UNKNOWN,
                    event.type() + " for an order that was never placed");
        }
        if (!current.status().canBecome(event.type().resultingStatus())) {
            throw invalidTransition(current, event);
        }
        EventHeader header = event.header();
        if (header.customerId() != null && !header.customerId().equals(current.customerId())) {
            throw new PoisonRecordException(OrderReasons.CUSTOMER_MISMATCH,
                    "customerId differs from the order's customerId");
        }
        if (header.currency() != null && !header.currency().equals(current.currency())) {
            throw new PoisonRecordException(OrderReasons.CURRENCY_MISMATCH,
                    "currency " + header.currency() + " differs from the order's " + current.currency());
        }
        Order moved = current.movedBy(event);
        if (event instanceof OrderEvent.PaymentCaptured captured) {
            if (captured.amount().minor() != current.totalMinor()) {
                throw new PoisonRecordException(OrderReasons.AMOUNT_MISMATCH, "amount differs from the order total");
            }
            return moved.withCapture(new MoneyMovement(captured.amount().minor(), header.occurredAt()));
        }
        if (event instanceof OrderEvent.OrderRefunded refunded) {
            // Every status a refund may leave (PAID, SHIPPED, DELIVERED) has a capture.
            long captured = current.capture() == null ? 0 : current.capture().minor();
            if (refunded.amount().minor() > captured) {
                throw new PoisonRecordException(OrderReasons.REFUND_EXCEEDS_CAPTURE,
                        "amount is larger than the captured amount");
            }
            return moved.withRefund(new MoneyMovement(refunded.amount().minor(), header.occurredAt()));
        }
        return moved;
    }

    private static PoisonRecordException invalidTransition(Order current, OrderEvent event) {
        return new PoisonRecordException(OrderReasons.INVALID_TRANSITION,
                event.type() + " is not allowed in status " + current.status());
    }
}
