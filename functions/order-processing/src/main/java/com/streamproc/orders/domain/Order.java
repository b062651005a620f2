package com.streamproc.orders.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored state of one order.
 *
 * @param orderId         the order
 * @param status          where it is in its lifecycle
 * @param customerId      who placed it
 * @param currency        the currency of every amount on it
 * @param totalMinor      the order total in minor units
 * @param placedAt        the ORDER_PLACED event's {@code occurredAt}
 * @param statusAt        the {@code occurredAt} of the event that set the current status
 * @param updatedAt       when the function last wrote the order (processing time), or {@code null} before the
 *                        first write
 * @param lastEventId     the last applied event
 * @param lastEventType   its type
 * @param appliedEventIds every applied event id: replays and duplicates of them change nothing
 * @param capture         the captured payment, or {@code null}
 * @param refund          the refund, or {@code null}
 * @param rejectedRecords records of this order rejected as poison while it was written: padded sequence number
 *                        ({@link com.streamproc.shared.batch.RecordRef#paddedSequence()}) → reason code. A replayed
 *                        record is judged as it was the first time, not against the state later records built.
 * @param version         the optimistic-lock version of the stored item, 0 before the first write
 */
public record Order(String orderId, OrderStatus status, String customerId, Currency currency, long totalMinor,
                    Instant placedAt, Instant statusAt, Instant updatedAt, String lastEventId,
                    OrderEventType lastEventType, Set<String> appliedEventIds, MoneyMovement capture,
                    MoneyMovement refund, SortedMap<String, String> rejectedRecords, long version) {
    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(statusAt, "statusAt");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(lastEventType, "lastEventType");
        appliedEventIds = Collections.unmodifiableSet(new LinkedHashSet<>(appliedEventIds));
        rejectedRecords = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedRecords));
    }

    /** The order an ORDER_PLACED event creates. */
    public static Order placed(OrderEvent.OrderPlaced event) {
        EventHeader header = event.header();
        return new Order(header.orderId(), OrderStatus.PLACED, header.customerId(), header.currency(),
                event.total().minor(), header.occurredAt(), header.occurredAt(), null, header.eventId(),
                event.type(), Set.of(header.eventId()), null, null, new TreeMap<>(), 0);
    }

    public boolean hasApplied(String eventId) {
        return appliedEventIds.contains(eventId);
    }

    /** This order after {@code event} moved it to the event's status. */
    Order movedBy(OrderEvent event) {
        Set<String> applied = new LinkedHashSet<>(appliedEventIds);
        applied.add(event.eventId());
        return new Order(orderId, event.type().resultingStatus(), customerId, currency, totalMinor, placedAt,
                event.header().occurredAt(), updatedAt, event.eventId(), event.type(), applied, capture, refund,
                rejectedRecords, version);
    }

    Order withCapture(MoneyMovement newCapture) {
        return new Order(orderId, status, customerId, currency, totalMinor, placedAt, statusAt, updatedAt,
                lastEventId, lastEventType, appliedEventIds, newCapture, refund, rejectedRecords, version);
    }

    Order withRefund(MoneyMovement newRefund) {
        return new Order(orderId, status, customerId, currency, totalMinor, placedAt, statusAt, updatedAt,
                lastEventId, lastEventType, appliedEventIds, capture, newRefund, rejectedRecords, version);
    }

    public Order withRejectedRecords(SortedMap<String, String> rejected) {
        return new Order(orderId, status, customerId, currency, totalMinor, placedAt, statusAt, updatedAt,
                lastEventId, lastEventType, appliedEventIds, capture, refund, rejected, version);
    }

    /** This order as written at {@code writtenAt} with {@code newVersion}. */
    public Order asWritten(Instant writtenAt, long newVersion) {
        return new Order(orderId, status, customerId, currency, totalMinor, placedAt, statusAt, writtenAt,
                lastEventId, lastEventType, appliedEventIds, capture, refund, rejectedRecords, newVersion);
    }
}
