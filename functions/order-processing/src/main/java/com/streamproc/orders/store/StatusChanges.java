package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.shared.batch.RecordRef;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A status-change item: which orders reached which status on one UTC day, as written by one batch (or by one
 * order's retry after a lost race). Append-only: written once, before the orders it names, and never changed.
 *
 * <p>It is an index, not the truth. Every query reads the orders it names and keeps those whose stored state
 * matches (an order named here whose write then failed, or that has moved on, is simply left out), so an item
 * may name more than it should but never misses an order: no order is written with a status and day that no
 * durable item names.
 *
 * @param key      the item's {@code orderId}: {@code CHANGES#<day>#<shardId>#<padded sequence>#<suffix>}, the
 *                 sequence number of the first record it covers, so that a replay rewrites its own item
 * @param day      the UTC day
 * @param orderIds per status, the orders that reached it on that day
 */
public record StatusChanges(String key, LocalDate day, Map<OrderStatus, Set<String>> orderIds) {
    /** The prefix of every status-change item's key. */
    public static final String KEY_PREFIX = "CHANGES#";

    public StatusChanges {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(day, "day");
        Map<OrderStatus, Set<String>> copy = new EnumMap<>(OrderStatus.class);
        orderIds.forEach((status, ids) -> copy.put(status, Collections.unmodifiableSet(new TreeSet<>(ids))));
        orderIds = Collections.unmodifiableMap(copy);
    }

    /** A status reached on a UTC day. */
    public record StatusDay(OrderStatus status, LocalDate day) {
    }

    /**
     * What writing {@code after} over {@code before} (null: a new order) makes the queries need to find: its
     * current status on the day it reached it, and the day of a capture or refund that {@code before} did not
     * have (revenue is summed by the day of the money movement, even once the order has moved on).
     */
    public static Set<StatusDay> reachedBy(Order before, Order after) {
        Set<StatusDay> reached = new LinkedHashSet<>();
        reached.add(new StatusDay(after.status(), OrdersTable.utcDay(after.statusAt())));
        if (after.capture() != null && (before == null || before.capture() == null)) {
            reached.add(new StatusDay(OrderStatus.PAID, OrdersTable.utcDay(after.capture().at())));
        }
        if (after.refund() != null && (before == null || before.refund() == null)) {
            reached.add(new StatusDay(OrderStatus.REFUNDED, OrdersTable.utcDay(after.refund().at())));
        }
        return reached;
    }

    /**
     * What applying {@code event} can make an order reach: the event's resulting status on the UTC day it
     * occurred, which is also the day of the capture or refund it carries. Over a batch's events this covers
     * {@link #reachedBy} of whatever the batch writes, whatever the stored orders turn out to be.
     */
    public static StatusDay foreseenBy(OrderEvent event) {
        return new StatusDay(event.type().resultingStatus(), OrdersTable.utcDay(event.header().occurredAt()));
    }

    /**
     * The items naming each order under what it reached, one per day.
     *
     * @param first  the first record the items cover (its shard and sequence number make the key)
     * @param suffix tells apart items of the same first record ({@code b} for a batch's, {@code o2}, {@code o3}
     *               for an order's later rounds)
     */
    public static Map<LocalDate, StatusChanges> of(Map<String, Set<StatusDay>> reachedByOrder, RecordRef first,
                                                   String suffix) {
        Map<LocalDate, Map<OrderStatus, Set<String>>> byDay = new TreeMap<>();
        reachedByOrder.forEach((orderId, reached) -> reached.forEach(r -> byDay
                .computeIfAbsent(r.day(), d -> new EnumMap<>(OrderStatus.class))
                .computeIfAbsent(r.status(), s -> new TreeSet<>()).add(orderId)));
        Map<LocalDate, StatusChanges> items = new TreeMap<>();
        byDay.forEach((day, ids) -> items.put(day, new StatusChanges(
                KEY_PREFIX + day + "#" + first.shardId() + "#" + first.paddedSequence() + "#" + suffix, day, ids)));
        return items;
    }
}
