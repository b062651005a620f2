package com.streamproc.orders.testing;

import com.streamproc.orders.domain.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A seeded stream of order events for whole-system checks: orders walk random legal lifecycle paths, interleaved
 * across orders; duplicates of applied events (new records, same event id) come later in the stream; poison of
 * every kind is mixed in. The expected outcome is computed here from the plan, independently of the code under
 * test: each order's final state, each (day, currency)'s revenue, and each poison record's reason.
 */
public final class GeneratedOrderStream {
    private static final List<Currency> CURRENCIES = List.of(
            Currency.getInstance("EUR"), Currency.getInstance("USD"), Currency.getInstance("JPY"),
            Currency.getInstance("BHD"));
    private static final List<ZoneOffset> OFFSETS = List.of(
            ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-10), ZoneOffset.ofHours(13));
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 20);
    private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    /** The expected final state of one order. */
    public record ExpectedOrder(String orderId, String customerId, Currency currency, long totalMinor,
                                OrderStatus status, Instant placedAt, Instant statusAt, String lastEventId,
                                Set<String> appliedEventIds, Long capturedMinor, Instant capturedAt,
                                Long refundedMinor, Instant refundedAt) {
    }

    private final RecordStream records = new RecordStream();
    private final Map<String, ExpectedOrder> orders = new TreeMap<>();
    private final Map<String, Long> revenueMinor = new TreeMap<>();
    private final Map<Integer, String> poisonReasons = new TreeMap<>();
    private final Map<Integer, Integer> duplicateOf = new HashMap<>();

    private GeneratedOrderStream() {
    }

    public RecordStream records() {
        return records;
    }

    public Map<String, ExpectedOrder> orders() {
        return orders;
    }

    /** Record index → expected quarantine reason. */
    public Map<Integer, String> poisonReasons() {
        return poisonReasons;
    }

    /** Expected revenue by "yyyy-MM-dd#CUR", in major units with the currency's scale. */
    public Map<String, BigDecimal> revenue() {
        Map<String, BigDecimal> revenue = new TreeMap<>();
        revenueMinor.forEach((key, minor) -> revenue.put(key,
                BigDecimal.valueOf(minor, Currency.getInstance(key.substring(11)).getDefaultFractionDigits())));
        return revenue;
    }

    /** Every (day, currency) the stream could have revenue on, with or without any. */
    public static List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (int d = -1; d < 12; d++) {
            days.add(FIRST_DAY.plusDays(d));
        }
        return days;
    }

    public static List<Currency> currencies() {
        return CURRENCIES;
    }

    private record Planned(String partitionKey, String data, String poisonReason, boolean duplicable) {
    }

    public static GeneratedOrderStream generate(long seed, int orderCount) {
        GeneratedOrderStream stream = new GeneratedOrderStream();
        Random random = new Random(seed);
        List<List<Planned>> perOrder = new ArrayList<>();
        for (int i = 0; i < orderCount; i++) {
            perOrder.add(stream.planOrder(random, "ord-" + seed + "-" + i,
                    "cust-" + seed + "-" + random.nextInt(Math.max(1, orderCount / 4))));
        }
        for (int i = 0; i < Math.max(1, orderCount / 20); i++) {
            perOrder.add(planStandalonePoison(random, "ghost-" + seed + "-" + i));
        }

        // Interleave orders, keeping each order's own sequence.
        List<Planned> merged = new ArrayList<>();
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < perOrder.size(); i++) {
            remaining.add(i);
        }
        int[] next = new int[perOrder.size()];
        while (!remaining.isEmpty()) {
            int pick = random.nextInt(remaining.size());
            int order = remaining.get(pick);
            merged.add(perOrder.get(order).get(next[order]++));
            if (next[order] == perOrder.get(order).size()) {
                remaining.remove(pick);
            }
        }

        // Producer duplicates: a copy of an applied event as a new record, somewhere after the original.
        List<Planned> withDuplicates = new ArrayList<>(merged);
        for (Planned planned : merged) {
            if (planned.duplicable() && random.nextInt(10) == 0) {
                int original = withDuplicates.indexOf(planned);
                int at = original + 1 + random.nextInt(withDuplicates.size() - original);
                withDuplicates.add(at, new Planned(planned.partitionKey(), planned.data(), null, false));
            }
        }
        for (Planned planned : withDuplicates) {
            int index = stream.records.add(planned.partitionKey(), planned.data());
            if (planned.poisonReason() != null) {
                stream.poisonReasons.put(index, planned.poisonReason());
            }
        }
        return stream;
    }

    private List<Planned> planOrder(Random random, String orderId, String customerId) {
        List<Planned> events = new ArrayList<>();
        Currency currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        int digits = currency.getDefaultFractionDigits();
        ZoneOffset offset = OFFSETS.get(random.nextInt(OFFSETS.size()));
        Instant time = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds(random.nextInt(4 * 24 * 3600)).plusMillis(random.nextInt(1000));

        OrderJson placed = OrderJson.event("ORDER_PLACED", orderId + "-placed", orderId)
                .with("customerId", customerId).with("currency", currency.getCurrencyCode());
        long total = 0;
        int lines = 1 + random.nextInt(3);
        for (int l = 0; l < lines; l++) {
            int quantity = 1 + random.nextInt(4);
            long unitMinor = random.nextInt(50_000);
            total += quantity * unitMinor;
            placed.item("sku-" + random.nextInt(100), quantity, decimal(unitMinor, digits));
        }
        placed.with("total", decimal(total, digits)).at(wireTime(time, offset));
        events.add(new Planned(orderId, placed.json(), null, true));

        Set<String> applied = new LinkedHashSet<>();
        applied.add(orderId + "-placed");
        Instant placedAt = time;
        OrderStatus status = OrderStatus.PLACED;
        String lastEventId = orderId + "-placed";
        Long capturedMinor = null;
        Instant capturedAt = null;
        Long refundedMinor = null;
        Instant refundedAt = null;

        // The path: how far the order gets, and whether it ends cancelled or refunded.
        int path = random.nextInt(9);
        List<OrderStatus> steps = switch (path) {
            case 0 -> List.of();
            case 1 -> List.of(OrderStatus.CANCELLED);
            case 2 -> List.of(OrderStatus.PAID);
            case 3 -> List.of(OrderStatus.PAID, OrderStatus.CANCELLED);
            case 4 -> List.of(OrderStatus.PAID, OrderStatus.REFUNDED);
            case 5 -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED);
            case 6 -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.REFUNDED);
            case 7 -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
            default -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.REFUNDED);
        };
        int n = 0;
        for (OrderStatus step : steps) {
            time = time.plusSeconds(60 + random.nextInt(36 * 3600));
            String eventId = orderId + "-" + (++n);
            OrderJson event;
            switch (step) {
                case PAID -> {
                    if (random.nextInt(6) == 0) {
                        events.add(new Planned(orderId, OrderJson.captured(orderId + "-badcapture", orderId,
                                currency.getCurrencyCode(), decimal(total + 1, digits)).at(wireTime(time, offset)).json(),
                                "AMOUNT_MISMATCH", false));
                    }
                    event = OrderJson.captured(eventId, orderId, currency.getCurrencyCode(), decimal(total, digits));
                    capturedMinor = total;
                    capturedAt = time;
                }
                case REFUNDED -> {
                    if (random.nextInt(6) == 0) {
                        Currency other = CURRENCIES.get((CURRENCIES.indexOf(currency) + 1) % CURRENCIES.size());
                        events.add(new Planned(orderId, OrderJson.refunded(orderId + "-badrefund", orderId,
                                other.getCurrencyCode(), "0").at(wireTime(time, offset)).json(),
                                "CURRENCY_MISMATCH", false));
                    }
                    long refund = random.nextBoolean() ? total : (total == 0 ? 0 : random.nextLong(total + 1));
                    event = OrderJson.refunded(eventId, orderId, currency.getCurrencyCode(), decimal(refund, digits));
                    refundedMinor = refund;
                    refundedAt = time;
                }
                case SHIPPED -> event = OrderJson.shipped(eventId, orderId);
                case DELIVERED -> event = OrderJson.delivered(eventId, orderId);
                case CANCELLED -> event = OrderJson.cancelled(eventId, orderId);
                default -> throw new IllegalStateException(step.name());
            }
            events.add(new Planned(orderId, event.at(wireTime(time, offset)).json(), null, true));
            applied.add(eventId);
            status = step;
            lastEventId = eventId;
        }
        Instant statusAt = time;

        // An event the final status does not allow.
        if (random.nextInt(5) == 0) {
            OrderJson illegal = switch (status) {
                case SHIPPED -> OrderJson.placed(orderId + "-again", orderId, customerId, currency.getCurrencyCode(), "1");
                case DELIVERED -> OrderJson.cancelled(orderId + "-late", orderId);
                default -> OrderJson.delivered(orderId + "-late", orderId);
            };
            events.add(new Planned(orderId, illegal.at(wireTime(time.plusSeconds(1), offset)).json(),
                    "INVALID_TRANSITION", false));
        }

        orders.put(orderId, new ExpectedOrder(orderId, customerId, currency, total, status, ms(placedAt), ms(statusAt),
                lastEventId, applied, capturedMinor, ms(capturedAt), refundedMinor, ms(refundedAt)));
        if (capturedMinor != null) {
            revenueMinor.merge(day(capturedAt, currency), capturedMinor, Long::sum);
        }
        if (refundedMinor != null) {
            revenueMinor.merge(day(refundedAt, currency), -refundedMinor, Long::sum);
        }
        return events;
    }

    /** Records that are poison without any order state: malformed, unknown, or for an order never placed. */
    private static List<Planned> planStandalonePoison(Random random, String ghostId) {
        String time = wireTime(FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400)),
                ZoneOffset.UTC);
        return List.of(
                new Planned(ghostId, "{\"schemaVersion\":1,\"eventId\":", "MALFORMED_JSON", false),
                new Planned(ghostId, OrderJson.shipped(ghostId + "-ship", ghostId).at(time).json(), "ORDER_UNKNOWN", false),
                new Planned(ghostId, OrderJson.event("ORDER_LOST", ghostId + "-lost", ghostId).at(time).json(),
                        "UNKNOWN_EVENT_TYPE", false),
                new Planned(ghostId, OrderJson.placed(ghostId + "-placed", ghostId, "cust-x", "EUR", "10.00")
                        .with("total", "10.01").at(time).json(), "TOTAL_MISMATCH", false));
    }

    private static String decimal(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static String wireTime(Instant instant, ZoneOffset offset) {
        return OffsetDateTime.ofInstant(instant, offset).format(WIRE_TIME);
    }

    private static String day(Instant instant, Currency currency) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate() + "#" + currency.getCurrencyCode();
    }

    private static Instant ms(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
