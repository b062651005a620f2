package com.streamproc.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.Zipf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Order lifecycles as a shop would emit them (placed, paid, shipped, delivered; some cancelled or refunded), in
 * several currencies, with producer duplicates, events out of lifecycle order, and poison: broken JSON, unknown
 * event types, totals that do not add up, events for orders never placed, an unsupported schema version.
 * Follows docs/functions/order-processing.md.
 */
final class OrderTraffic implements DemoTraffic {
    private final String function;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKUS = {"BOOK-0042", "PEN-0007", "TEA-0100", "MUG-0311", "LAMP-0900", "SOCK-0023"};

    private record Timed(Instant at, DemoRecord record) {
    }

    private final Random random;
    private final Instant base;
    private final Zipf customers;
    private final List<Timed> out = new ArrayList<>();
    private int orderSeq;
    private int eventSeq;

    OrderTraffic(String function, Random random, Instant base) {
        this.function = function;
        this.random = random;
        this.base = base;
        this.customers = new Zipf(80, 1.1, random);
    }

    /** The most active customer of the mix (rank 0 of its Zipf draw). */
    @Override
    public List<String> examples() {
        return List.of("cust-100");
    }

    @Override
    public List<DemoRecord> generate(int count) {
        while (out.size() < count) {
            if (random.nextDouble() < 0.06) {
                poison();
            } else {
                order();
            }
        }
        out.sort(Comparator.comparing(Timed::at));
        return out.stream().limit(count).map(Timed::record).toList();
    }

    private void order() {
        String orderId = "ord-" + (10_000 + orderSeq++);
        String customerId = "cust-" + (100 + customers.next());
        double c = random.nextDouble();
        String currency = c < 0.6 ? "EUR" : c < 0.9 ? "USD" : "JPY";
        int scale = currency.equals("JPY") ? 0 : 2;
        ArrayNode items = JSON.createArrayNode();
        long totalMinor = 0;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(3);
            long unitMinor = scale == 0 ? 100 * (5 + random.nextInt(60)) : 199 + random.nextInt(4_000);
            totalMinor += quantity * unitMinor;
            items.addObject().put("sku", SKUS[random.nextInt(SKUS.length)]).put("quantity", quantity)
                    .put("unitPrice", money(unitMinor, scale));
        }
        Instant at = base.plusSeconds(random.nextInt(3_000));
        boolean captureBeforePlacement = random.nextDouble() < 0.02;
        if (captureBeforePlacement) {
            // The capture overtook the placement at the producer: unknown order when it arrives.
            ObjectNode early = event(orderId, "PAYMENT_CAPTURED", at.minusSeconds(5)).put("currency", currency)
                    .put("amount", money(totalMinor, scale));
            add(at.minusSeconds(5), orderId, early, "ORDER_UNKNOWN");
        }
        ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", customerId).put("currency", currency);
        placed.set("items", items);
        placed.put("total", money(totalMinor, scale));
        add(at, orderId, placed, "applied");
        if (captureBeforePlacement) {
            return;
        }
        double path = random.nextDouble();
        if (path < 0.1) {
            at = next(at);
            add(at, orderId, event(orderId, "ORDER_CANCELLED", at), "applied");
            return;
        }
        if (random.nextDouble() < 0.05) {
            // Shipped before it was paid: the lifecycle refuses it, and the order goes on as if it never came.
            at = next(at);
            add(at, orderId, event(orderId, "ORDER_SHIPPED", at), "INVALID_TRANSITION");
        }
        at = next(at);
        add(at, orderId, event(orderId, "PAYMENT_CAPTURED", at).put("currency", currency)
                .put("amount", money(totalMinor, scale)), "applied");
        if (path < 0.2) {
            at = next(at);
            add(at, orderId, event(orderId, "ORDER_CANCELLED", at), "applied");
            return;
        }
        if (path < 0.3) {
            return; // paid, waiting for shipment
        }
        at = next(at);
        add(at, orderId, event(orderId, "ORDER_SHIPPED", at), "applied");
        if (path < 0.85) {
            at = next(at);
            add(at, orderId, event(orderId, "ORDER_DELIVERED", at), "applied");
        }
        if (path >= 0.7) {
            long refund = random.nextBoolean() ? totalMinor : Math.max(1, totalMinor / 2);
            at = next(at);
            add(at, orderId, event(orderId, "ORDER_REFUNDED", at).put("currency", currency)
                    .put("amount", money(refund, scale)), "applied");
        }
    }

    private void poison() {
        Instant at = base.plusSeconds(random.nextInt(3_000));
        String orderId = "ord-" + (10_000 + orderSeq++);
        switch (random.nextInt(5)) {
            case 0 -> raw(at, orderId, "{\"schemaVersion\": 1, \"type\": \"ORDER_PLACED\", \"orderId\": \"" + orderId);
            case 1 -> add(at, orderId, event(orderId, "ORDER_TELEPORTED", at), "UNKNOWN_EVENT_TYPE");
            case 2 -> {
                ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", "cust-1").put("currency", "EUR");
                placed.putArray("items").addObject().put("sku", "BOOK-0042").put("quantity", 2).put("unitPrice", "12.50");
                placed.put("total", "26.00");
                add(at, orderId, placed, "TOTAL_MISMATCH");
            }
            case 3 -> add(at, orderId, event(orderId, "ORDER_DELIVERED", at), "ORDER_UNKNOWN");
            default -> add(at, orderId, event(orderId, "ORDER_PLACED", at).put("schemaVersion", 2),
                    "UNSUPPORTED_SCHEMA_VERSION");
        }
    }

    private Instant next(Instant at) {
        return at.plusSeconds(20 + random.nextInt(600));
    }

    private ObjectNode event(String orderId, String type, Instant at) {
        return JSON.createObjectNode().put("schemaVersion", 1).put("eventId", "evt-" + (100_000 + eventSeq++))
                .put("type", type).put("orderId", orderId).put("occurredAt", at.toString());
    }

    private void add(Instant at, String orderId, ObjectNode event, String expected) {
        byte[] data = event.toString().getBytes(StandardCharsets.UTF_8);
        DemoRecord.Trace trace = new DemoRecord.Trace.OrderEvent(orderId, event.get("eventId").asText());
        out.add(new Timed(at, new DemoRecord(function, orderId, data, trace, expected)));
        if (expected.equals("applied") && random.nextDouble() < 0.06) {
            // The producer sent it twice (a retry after a timeout): same event id, counted once.
            out.add(new Timed(at.plusMillis(1), new DemoRecord(function, orderId, data, trace, "duplicate")));
        }
    }

    private void raw(Instant at, String orderId, String text) {
        out.add(new Timed(at, new DemoRecord(function, orderId, text.getBytes(StandardCharsets.UTF_8),
                new DemoRecord.Trace.None(), "MALFORMED_JSON")));
    }

    static String money(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
