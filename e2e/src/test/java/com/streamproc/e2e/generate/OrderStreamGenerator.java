package com.streamproc.e2e.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.e2e.generate.OrderIntent.Event;
import com.streamproc.e2e.generate.OrderIntent.Line;
import com.streamproc.e2e.generate.OrderIntent.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A reproducible order stream: order lifecycles (placed, paid, shipped, delivered, cancelled, refunded) interleaved
 * across orders, with producer duplicates (the same event sent again), events swapped out of order, events that
 * break a lifecycle rule, events of orders never placed, and records the decoder rejects.
 */
public final class OrderStreamGenerator extends SeededStreamGenerator<OrderIntent> {
    /** Event times lie in the three days from here: in the past on any clock that runs these tests. */
    public static final Instant FIRST_DAY = Instant.parse("2025-03-03T00:00:00Z");
    public static final List<String> CURRENCIES = List.of("EUR", "EUR", "USD", "JPY", "GBP");

    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1),
            ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30));

    private int eventCounter;

    private OrderStreamGenerator(long seed) {
        super(seed, 1);
    }

    /** @param orders how many orders (each 1-5 events, plus anomalies) */
    public static List<Produced<OrderIntent>> generate(long seed, int orders) {
        return new OrderStreamGenerator(seed).stream(orders);
    }

    private List<Produced<OrderIntent>> stream(int orders) {
        List<List<Produced<OrderIntent>>> perOrder = new ArrayList<>();
        for (int k = 0; k < orders; k++) {
            perOrder.add(order("ord-" + seed + "-" + k, "cust-" + seed + "-" + (k % Math.max(1, orders / 3))));
        }
        for (int g = 0; g < Math.max(1, orders / 25); g++) {
            perOrder.add(ghostOrder("ghost-" + seed + "-" + g));
        }
        List<Produced<OrderIntent>> stream = Interleave.keepingOrderWithin(perOrder, random);
        scatter(stream, Math.max(6, stream.size() / 16), this::decodePoison);
        HostileRecords.scatter(stream, random, i -> hostile(i, orders));
        return stream;
    }

    private List<Produced<OrderIntent>> order(String orderId, String customerId) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        List<Line> lines = new ArrayList<>();
        int lineCount = 1 + random.nextInt(3);
        for (int i = 0; i < lineCount; i++) {
            long unit = "JPY".equals(currency) ? 100 + random.nextInt(9000) : 99 + random.nextInt(25_000);
            lines.add(new Line("sku-" + random.nextInt(500), 1 + random.nextInt(4), unit));
        }
        long total = lines.stream().mapToLong(l -> l.quantity() * l.unitPriceMinor()).sum();
        Instant at = FIRST_DAY.plusMillis((long) random.nextInt(60 * 60 * 60) * 1000 + random.nextInt(1000));

        List<Event> events = new ArrayList<>();
        events.add(new Event(Type.ORDER_PLACED, nextEventId(), orderId, customerId, currency, total, lines, at));
        int path = random.nextInt(100);
        boolean paid = path >= 18;
        if (path >= 10 && path < 18) {
            events.add(next(events, Type.ORDER_CANCELLED, null, null));
        }
        if (paid) {
            events.add(next(events, Type.PAYMENT_CAPTURED, currency, total));
            if (path < 23) {
                events.add(next(events, Type.ORDER_CANCELLED, null, null));
            } else if (path >= 33) {
                events.add(next(events, Type.ORDER_SHIPPED, null, null));
                if (path >= 45) {
                    events.add(next(events, Type.ORDER_DELIVERED, null, null));
                }
            }
            if (path >= 75 || (path >= 23 && path < 28)) {
                long refund = random.nextBoolean() ? total : 1 + (long) (random.nextDouble() * Math.max(1, total - 1));
                events.add(next(events, Type.ORDER_REFUNDED, currency, refund));
            }
        }

        List<Produced<OrderIntent>> records = new ArrayList<>();
        for (Event event : events) {
            records.add(valid(event, random.nextInt(4) == 0 ? customerId : null));
        }
        // Out of order: two neighbours swapped (the later one is then judged against the earlier state).
        if (records.size() > 1 && random.nextInt(100) < 8) {
            int i = random.nextInt(records.size() - 1);
            records.add(i, records.remove(i + 1));
        }
        // A producer retry: the very same bytes again, some time later.
        if (random.nextInt(100) < 12) {
            Produced<OrderIntent> again = records.get(random.nextInt(records.size()));
            records.add(1 + random.nextInt(records.size()), again);
        }
        // An event that breaks a rule of the lifecycle or of the order's data.
        if (random.nextInt(100) < 10) {
            records.add(1 + random.nextInt(records.size()), ruleBreaker(events.get(0)));
        }
        return records;
    }

    /** Events of an order that is never placed: each one is ORDER_UNKNOWN. */
    private List<Produced<OrderIntent>> ghostOrder(String orderId) {
        Instant at = FIRST_DAY.plusSeconds(random.nextInt(3 * 24 * 3600));
        List<Produced<OrderIntent>> records = new ArrayList<>();
        records.add(valid(new Event(Type.PAYMENT_CAPTURED, nextEventId(), orderId, null, "EUR", 1000L, List.of(), at),
                null));
        records.add(valid(new Event(Type.ORDER_SHIPPED, nextEventId(), orderId, null, null, null, List.of(),
                at.plusSeconds(60)), null));
        return records;
    }

    private Produced<OrderIntent> ruleBreaker(Event placed) {
        Instant at = placed.occurredAt().plusSeconds(30 + random.nextInt(3600));
        String orderId = placed.orderId();
        Event event = switch (random.nextInt(5)) {
            case 0 -> new Event(Type.PAYMENT_CAPTURED, nextEventId(), orderId, null, placed.currency(),
                    placed.amountMinor() + 1, List.of(), at);
            case 1 -> new Event(Type.PAYMENT_CAPTURED, nextEventId(), orderId, null,
                    "CHF".equals(placed.currency()) ? "EUR" : "CHF", placed.amountMinor(), List.of(), at);
            case 2 -> new Event(Type.ORDER_SHIPPED, nextEventId(), orderId, "someone-else", null, null, List.of(), at);
            case 3 -> new Event(Type.ORDER_PLACED, nextEventId(), orderId, placed.customerId(), placed.currency(),
                    placed.amountMinor(), placed.lines(), at);
            default -> new Event(Type.ORDER_REFUNDED, nextEventId(), orderId, null, placed.currency(),
                    placed.amountMinor() + 100, List.of(), at);
        };
        return valid(event, null);
    }

    private Event next(List<Event> events, Type type, String currency, Long amount) {
        Event last = events.get(events.size() - 1);
        Instant at = last.occurredAt().plusMillis(60_000L + (long) random.nextInt(20 * 3600) * 1000
                + random.nextInt(1000));
        return new Event(type, nextEventId(), last.orderId(), null, currency, amount, List.of(), at);
    }

    private String nextEventId() {
        return "oe-" + seed + "-" + (eventCounter++);
    }

    private Produced<OrderIntent> valid(Event event, String optionalCustomerId) {
        Event carried = event.type() == Type.ORDER_PLACED || optionalCustomerId == null ? event
                : new Event(event.type(), event.eventId(), event.orderId(),
                        event.customerId() != null ? event.customerId() : optionalCustomerId, event.currency(),
                        event.amountMinor(), event.lines(), event.occurredAt());
        return new Produced<>(event.orderId(), Poison.utf8(render(carried).toString()), new OrderIntent.Valid(carried));
    }

    /** The event as a producer might write it: offsets, money as text or as a JSON number. */
    ObjectNode render(Event event) {
        ObjectNode json = object();
        json.put("schemaVersion", 1);
        json.put("eventId", event.eventId());
        json.put("type", event.type().name());
        json.put("orderId", event.orderId());
        if (event.customerId() != null) {
            json.put("customerId", event.customerId());
        }
        json.put("occurredAt", atOffset(event.occurredAt(), OFFSETS));
        if (event.currency() != null) {
            json.put("currency", event.currency());
        }
        if (event.type() == Type.ORDER_PLACED) {
            ArrayNode items = json.putArray("items");
            for (Line line : event.lines()) {
                ObjectNode item = items.addObject();
                item.put("sku", line.sku());
                item.put("quantity", line.quantity());
                money(item, "unitPrice", line.unitPriceMinor(), event.currency());
            }
            money(json, "total", event.amountMinor(), event.currency());
        } else if (event.amountMinor() != null) {
            money(json, "amount", event.amountMinor(), event.currency());
        }
        if (random.nextInt(10) == 0) {
            json.put("producerVersion", "2.3." + random.nextInt(9)); // unknown fields are ignored
        }
        return json;
    }

    private void money(ObjectNode json, String field, long minor, String currency) {
        BigDecimal value = BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
        switch (random.nextInt(4)) {
            case 0 -> json.put(field, value);
            case 1 -> json.put(field, value.scale() > 0 ? value.setScale(value.scale() + 1).toPlainString()
                    : value.toPlainString());
            default -> json.put(field, value.toPlainString());
        }
    }

    /** What an order event can be broken by for certain: its ids, its type, its time. */
    static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("eventId", "orderId", "type"), "type", "X_", "occurredAt");

    /** A hostile record ({@link HostileRecords}), mostly under the key of an order of the stream. */
    private Produced<OrderIntent> hostile(int i, int orders) {
        String orderId = "ord-" + seed + "-" + random.nextInt(Math.max(1, orders));
        Event base = new Event(Type.ORDER_PLACED, "hostile-" + seed + "-" + i, orderId, "cust-x", "EUR", 1000L,
                List.of(new Line("sku-1", 1, 1000)), FIRST_DAY.plusSeconds(random.nextInt(3 * 24 * 3600)));
        HostileRecords.Made made = HostileRecords.of(random, render(base), orderId, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(), new OrderIntent.Poison(Poison.ANY_REASON));
    }

    private Produced<OrderIntent> decodePoison(int i) {
        String orderId = "ord-" + seed + "-" + random.nextInt(1000);
        Instant at = FIRST_DAY.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        Event base = new Event(Type.ORDER_PLACED, "bad-" + seed + "-" + i, orderId, "cust-x", "EUR", 1000L,
                List.of(new Line("sku-1", 1, 1000)), at);
        ObjectNode json = render(base);
        json.put("total", "10.00");
        ((ObjectNode) json.get("items").get(0)).put("unitPrice", "10.00");
        String reason;
        byte[] data;
        switch (i % 13) {
            case 0 -> {
                reason = "MALFORMED_JSON";
                data = Poison.truncated(json.toString(), random);
            }
            case 1 -> {
                reason = "INVALID_UTF8";
                data = Poison.invalidUtf8(json.toString(), random);
            }
            case 2 -> {
                json.remove("eventId");
                reason = "SCHEMA_VIOLATION";
                data = Poison.utf8(json.toString());
            }
            case 3 -> {
                json.put("schemaVersion", 2);
                reason = "UNSUPPORTED_SCHEMA_VERSION";
                data = Poison.utf8(json.toString());
            }
            case 4 -> {
                json.put("type", "ORDER_TELEPORTED");
                reason = "UNKNOWN_EVENT_TYPE";
                data = Poison.utf8(json.toString());
            }
            case 5 -> {
                json.put("currency", "XXX");
                reason = "INVALID_CURRENCY";
                data = Poison.utf8(json.toString());
            }
            case 6 -> {
                json.put("total", "10.005");
                reason = "TOO_MANY_DECIMALS";
                data = Poison.utf8(json.toString());
            }
            case 7 -> {
                ((ObjectNode) json.get("items").get(0)).put("unitPrice", "-10.00");
                reason = "NEGATIVE_AMOUNT";
                data = Poison.utf8(json.toString());
            }
            case 8 -> {
                ((ObjectNode) json.get("items").get(0)).put("quantity", 0);
                reason = "INVALID_QUANTITY";
                data = Poison.utf8(json.toString());
            }
            case 9 -> {
                json.put("total", "11.00");
                reason = "TOTAL_MISMATCH";
                data = Poison.utf8(json.toString());
            }
            case 10 -> {
                json.putArray("items");
                reason = "NO_ITEMS";
                data = Poison.utf8(json.toString());
            }
            case 11 -> {
                json.put("occurredAt", "2025-03-03 10:00");
                reason = "INVALID_OCCURRED_AT";
                data = Poison.utf8(json.toString());
            }
            default -> {
                reason = "EMPTY_RECORD";
                data = new byte[0];
            }
        }
        return new Produced<>(orderId, data, new OrderIntent.Poison(reason));
    }
}
