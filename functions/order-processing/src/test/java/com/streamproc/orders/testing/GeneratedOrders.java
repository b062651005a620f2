package com.streamproc.orders.testing;

import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.traffic.OrderTraffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stream of the function's own generator ({@link OrderTraffic}) for whole-system checks, with what it must end
 * in, taken from what the generator says of each record ({@link TrafficRecord#expected()} and
 * {@link TrafficRecord#stated()}), never from the code under test: the applied events of each order, folded in
 * stream order, give its final state; each (day, currency) its revenue; each refused record its reason.
 */
public final class GeneratedOrders {
    /** Where the stream's event times start; they span four days. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 20);
    private static final Map<String, OrderStatus> STATUS_AFTER = Map.of("ORDER_PLACED", OrderStatus.PLACED,
            "PAYMENT_CAPTURED", OrderStatus.PAID, "ORDER_SHIPPED", OrderStatus.SHIPPED,
            "ORDER_DELIVERED", OrderStatus.DELIVERED, "ORDER_CANCELLED", OrderStatus.CANCELLED,
            "ORDER_REFUNDED", OrderStatus.REFUNDED);

    /** The expected final state of one order. */
    public record ExpectedOrder(String orderId, String customerId, Currency currency, long totalMinor,
                                OrderStatus status, Instant placedAt, Instant statusAt, String lastEventId,
                                Set<String> appliedEventIds, Long capturedMinor, Instant capturedAt,
                                Long refundedMinor, Instant refundedAt) {
    }

    private final List<TrafficRecord> records;
    private final RecordStream stream = new RecordStream();
    private final Map<String, ExpectedOrder> orders = new TreeMap<>();
    private final Map<Integer, String> poisonReasons = new TreeMap<>();
    private final Set<String> unplaced = new java.util.TreeSet<>();

    private GeneratedOrders(List<TrafficRecord> records) {
        this.records = records;
        for (TrafficRecord record : records) {
            int index = stream.add(record.partitionKey(), record.data());
            if (record.expectedPoison()) {
                poisonReasons.put(index, record.expected());
            } else if (record.expected().equals(TrafficRecord.APPLIED)) {
                apply(record.stated());
            }
        }
        for (TrafficRecord record : records) {
            String orderId = record.stated().get("orderId");
            if (orderId != null && !orders.containsKey(orderId)) {
                unplaced.add(orderId);
            }
        }
    }

    /**
     * About {@code count} records of the generator from {@code seed}, half of them edge cases, with producer
     * retries, overtaking captures, poison and rule breakers.
     */
    public static GeneratedOrders generate(long seed, int count) {
        OrderTraffic traffic = new OrderTraffic();
        TrafficShape shape = traffic.typical(count, seed).withRun("g" + Math.abs(seed % 1000))
                .withTimes(FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC), Duration.ofDays(4))
                .withShares(0.1, 0.05, 0.05, 0.05).withEdgeShare(0.5);
        return new GeneratedOrders(traffic.traffic(shape).records());
    }

    private void apply(Map<String, String> event) {
        String orderId = event.get("orderId");
        String type = event.get("type");
        String eventId = event.get("eventId");
        Instant at = Instant.parse(event.get("occurredAt"));
        ExpectedOrder order = orders.get(orderId);
        if (order == null) {
            long total = Long.parseLong(event.get("amountMinor"));
            orders.put(orderId, new ExpectedOrder(orderId, event.get("customerId"),
                    Currency.getInstance(event.get("currency")), total, OrderStatus.PLACED, at, at, eventId,
                    Set.of(eventId), null, null, null, null));
            return;
        }
        Set<String> applied = new LinkedHashSet<>(order.appliedEventIds());
        applied.add(eventId);
        Long amount = event.containsKey("amountMinor") ? Long.valueOf(event.get("amountMinor")) : null;
        boolean capture = type.equals("PAYMENT_CAPTURED");
        boolean refund = type.equals("ORDER_REFUNDED");
        orders.put(orderId, new ExpectedOrder(orderId, order.customerId(), order.currency(), order.totalMinor(),
                STATUS_AFTER.get(type), order.placedAt(), at, eventId, Set.copyOf(applied),
                capture ? amount : order.capturedMinor(), capture ? at : order.capturedAt(),
                refund ? amount : order.refundedMinor(), refund ? at : order.refundedAt()));
    }

    public RecordStream records() {
        return stream;
    }

    public List<TrafficRecord> trafficRecords() {
        return records;
    }

    /** Every placed order's expected final state, by id. */
    public Map<String, ExpectedOrder> orders() {
        return orders;
    }

    /** Orders that records name but none placed: the table must not have them. */
    public Set<String> unplaced() {
        return unplaced;
    }

    /** Record index → expected quarantine reason. */
    public Map<Integer, String> poisonReasons() {
        return poisonReasons;
    }

    /** Expected revenue by "yyyy-MM-dd#CUR", in major units with the currency's scale. */
    public Map<String, BigDecimal> revenue() {
        Map<String, Long> minor = new TreeMap<>();
        for (ExpectedOrder order : orders.values()) {
            if (order.capturedMinor() != null) {
                minor.merge(day(order.capturedAt(), order.currency()), order.capturedMinor(), Long::sum);
            }
            if (order.refundedMinor() != null) {
                minor.merge(day(order.refundedAt(), order.currency()), -order.refundedMinor(), Long::sum);
            }
        }
        Map<String, BigDecimal> revenue = new TreeMap<>();
        minor.forEach((key, value) -> revenue.put(key,
                BigDecimal.valueOf(value, Currency.getInstance(key.substring(11)).getDefaultFractionDigits())));
        return revenue;
    }

    /** Every day the stream could have revenue on, with or without any. */
    public static List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (int d = -1; d < 6; d++) {
            days.add(FIRST_DAY.plusDays(d));
        }
        return days;
    }

    /** Every currency the generator uses. */
    public static List<Currency> currencies() {
        return java.util.stream.Stream.of("EUR", "USD", "JPY", "GBP", "CHF", "BHD", "KRW", "SEK")
                .map(Currency::getInstance).toList();
    }

    private static String day(Instant instant, Currency currency) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate() + "#" + currency.getCurrencyCode();
    }
}
