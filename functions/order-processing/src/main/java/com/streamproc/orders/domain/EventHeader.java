package com.streamproc.orders.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * What every order event carries.
 *
 * @param eventId    the producer's unique id of the event: the deduplication key
 * @param orderId    the order (and the Kinesis partition key)
 * @param customerId the customer, or {@code null} on events that do not repeat it
 * @param occurredAt when it happened, in UTC
 * @param currency   the event's currency, or {@code null} on events without money that do not repeat it
 */
public record EventHeader(String eventId, String orderId, String customerId, Instant occurredAt, Currency currency) {
    public EventHeader {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
