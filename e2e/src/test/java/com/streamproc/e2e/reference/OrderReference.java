package com.streamproc.e2e.reference;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.OrderIntent;
import com.streamproc.e2e.generate.OrderIntent.Event;
import com.streamproc.e2e.generate.OrderIntent.Type;
import com.streamproc.e2e.generate.StreamPosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the orders table and quarantine must hold after a stream, computed from the input alone: the records are
 * read once, in stream order, and each event is applied at most once (a repeated event id changes nothing), by the
 * lifecycle of docs/functions/order-processing.md. Written without the function's code.
 */
public final class OrderReference {
    /** Statuses an order may move to from each status, and by which event. */
    private static final Map<String, Set<String>> NEXT = Map.of(
            "PLACED", Set.of("PAID", "CANCELLED"),
            "PAID", Set.of("SHIPPED", "CANCELLED", "REFUNDED"),
            "SHIPPED", Set.of("DELIVERED", "REFUNDED"),
            "DELIVERED", Set.of("REFUNDED"),
            "CANCELLED", Set.of(),
            "REFUNDED", Set.of());
    private static final Map<Type, String> STATUS_AFTER = new EnumMap<>(Map.of(
            Type.ORDER_PLACED, "PLACED", Type.PAYMENT_CAPTURED, "PAID", Type.ORDER_SHIPPED, "SHIPPED",
            Type.ORDER_DELIVERED, "DELIVERED", Type.ORDER_CANCELLED, "CANCELLED", Type.ORDER_REFUNDED, "REFUNDED"));

    /** One order as the table must hold it. Money in minor units; instants in UTC to the millisecond. */
    public record ExpectedOrder(String orderId, String status, String customerId, String currency, long totalMinor,
                                Instant placedAt, Instant statusAt, String lastEventId, String lastEventType,
                                Set<String> appliedEventIds, Long capturedMinor, Instant capturedAt,
                                Long refundedMinor, Instant refundedAt) {
    }

    /** A UTC day and a currency: the key of a revenue figure. */
    public record DayCurrency(LocalDate day, String currency) implements Comparable<DayCurrency> {
        @Override
        public int compareTo(DayCurrency other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : currency.compareTo(other.currency);
        }
    }

    private final Map<String, ExpectedOrder> orders = new TreeMap<>();
    private final Map<StreamPosition, String> poison = new LinkedHashMap<>();
    private final Set<String> orderIdsSeen = new TreeSet<>();
    private final Map<StreamPosition, String> appliedFrom = new LinkedHashMap<>();
    private int duplicates;

    private OrderReference() {
    }

    public static OrderReference of(List<Delivered<OrderIntent>> input) {
        OrderReference reference = new OrderReference();
        List<Delivered<OrderIntent>> inStreamOrder = new ArrayList<>(input);
        inStreamOrder.sort(Delivered.streamOrder());
        for (Delivered<OrderIntent> record : inStreamOrder) {
            if (record.intent() instanceof OrderIntent.Poison p) {
                reference.poison.put(record.position(), p.reason());
            } else if (record.intent() instanceof OrderIntent.Valid valid) {
                reference.orderIdsSeen.add(valid.event().orderId());
                ExpectedOrder before = reference.orders.get(valid.event().orderId());
                int repeats = reference.duplicates;
                String rejection = reference.apply(valid.event());
                if (rejection != null) {
                    reference.poison.put(record.position(), rejection);
                } else if (reference.duplicates == repeats) {
                    reference.appliedFrom.put(record.position(), before == null ? "" : before.status());
                }
            }
        }
        return reference;
    }

    /** @return the reason the event is rejected, or null when it applied or was a repeat */
    private String apply(Event event) {
        ExpectedOrder order = orders.get(event.orderId());
        if (order != null && order.appliedEventIds().contains(event.eventId())) {
            duplicates++;
            return null;
        }
        if (event.type() == Type.ORDER_PLACED) {
            if (order != null) {
                return "INVALID_TRANSITION";
            }
            orders.put(event.orderId(), new ExpectedOrder(event.orderId(), "PLACED", event.customerId(),
                    event.currency(), event.amountMinor(), event.occurredAt(), event.occurredAt(), event.eventId(),
                    event.type().name(), Set.of(event.eventId()), null, null, null, null));
            return null;
        }
        if (order == null) {
            return "ORDER_UNKNOWN";
        }
        String next = STATUS_AFTER.get(event.type());
        if (!NEXT.get(order.status()).contains(next)) {
            return "INVALID_TRANSITION";
        }
        if (event.customerId() != null && !event.customerId().equals(order.customerId())) {
            return "CUSTOMER_MISMATCH";
        }
        if (event.currency() != null && !event.currency().equals(order.currency())) {
            return "CURRENCY_MISMATCH";
        }
        Long captured = order.capturedMinor();
        Instant capturedAt = order.capturedAt();
        Long refunded = order.refundedMinor();
        Instant refundedAt = order.refundedAt();
        if (event.type() == Type.PAYMENT_CAPTURED) {
            if (event.amountMinor() != order.totalMinor()) {
                return "AMOUNT_MISMATCH";
            }
            captured = event.amountMinor();
            capturedAt = event.occurredAt();
        }
        if (event.type() == Type.ORDER_REFUNDED) {
            if (event.amountMinor() > (captured == null ? 0 : captured)) {
                return "REFUND_EXCEEDS_CAPTURE";
            }
            refunded = event.amountMinor();
            refundedAt = event.occurredAt();
        }
        Set<String> applied = new TreeSet<>(order.appliedEventIds());
        applied.add(event.eventId());
        orders.put(order.orderId(), new ExpectedOrder(order.orderId(), next, order.customerId(), order.currency(),
                order.totalMinor(), order.placedAt(), event.occurredAt(), event.eventId(), event.type().name(),
                Set.copyOf(applied), captured, capturedAt, refunded, refundedAt));
        return null;
    }

    /** Whether the lifecycle lets an order in {@code status} take an event of {@code type}. */
    public static boolean allows(String status, Type type) {
        return type != Type.ORDER_PLACED && NEXT.get(status).contains(STATUS_AFTER.get(type));
    }

    /**
     * The records applied (not repeats), each with the status its order was in before it (empty for a placement).
     */
    public Map<StreamPosition, String> appliedFrom() {
        return appliedFrom;
    }

    /** Every order that was placed, by id. */
    public Map<String, ExpectedOrder> orders() {
        return orders;
    }

    /** Every order id any valid event named (placed or not). */
    public Set<String> orderIdsSeen() {
        return orderIdsSeen;
    }

    /** Records the quarantine must hold, with their reason codes. */
    public Map<StreamPosition, String> poison() {
        return poison;
    }

    public int duplicates() {
        return duplicates;
    }

    /** Captured minus refunded, in minor units, per UTC day of the capture or refund and currency. */
    public Map<DayCurrency, Long> revenueMinor() {
        Map<DayCurrency, Long> revenue = new TreeMap<>();
        for (ExpectedOrder order : orders.values()) {
            if (order.capturedMinor() != null) {
                revenue.merge(new DayCurrency(utcDay(order.capturedAt()), order.currency()), order.capturedMinor(),
                        Long::sum);
            }
            if (order.refundedMinor() != null) {
                revenue.merge(new DayCurrency(utcDay(order.refundedAt()), order.currency()), -order.refundedMinor(),
                        Long::sum);
            }
        }
        return revenue;
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
