package com.streamproc.orders.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Money that moved on an order: the captured payment or the refund.
 *
 * @param minor how much, in the order currency's minor units
 * @param at    when (the event's {@code occurredAt}); its UTC day is the day the money counts for in revenue
 */
public record MoneyMovement(long minor, Instant at) {
    public MoneyMovement {
        Objects.requireNonNull(at, "at");
        if (minor < 0) {
            throw new IllegalArgumentException("minor must not be negative");
        }
    }
}
