package com.streamproc.bench.workload;

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
 * Order lifecycles as a shop emits them, following docs/functions/order-processing.md: placed, paid, shipped,
 * delivered, some cancelled or refunded, in EUR, USD and JPY, 1-3 line items; events of many orders interleaved in
 * time order (20 s to 10 min between an order's steps); 5 % producer duplicates; about 2 % poison (broken JSON,
 * unknown type, a total that does not add up) and 2 % shipments before payment (INVALID_TRANSITION).
 */
public final class OrderWorkload {
    public static final Instant BASE = Instant.parse("2025-06-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKUS = {"BOOK-0042", "PEN-0007", "TEA-0100", "MUG-0311", "LAMP-0900", "SOCK-0023"};

    private record Timed(Instant at, int order, WorkloadRecord record) {
    }

    private final Random random;
    private final Zipf customers;
    private final List<Timed> out = new ArrayList<>();
    private final int windowSeconds;
    private int orderSeq;
    private int eventSeq;

    private OrderWorkload(long seed, int records) {
        this.random = new Random(seed);
        this.customers = new Zipf(500, 1.1, random);
        // About four events per order and two new orders a second.
        this.windowSeconds = Math.max(60, records / 2);
    }

    public static Workload generate(int records, long seed) {
        OrderWorkload generator = new OrderWorkload(seed, records);
        while (generator.out.size() < records) {
            if (generator.random.nextDouble() < 0.02) {
                generator.poison();
            } else {
                generator.order();
            }
        }
        generator.out.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));
        List<WorkloadRecord> list = generator.out.stream().limit(records).map(Timed::record).toList();
        return new Workload("order-processing", seed, list,
                records + " order events over " + generator.orderSeq + " orders (time-ordered lifecycles, "
                        + "5 % duplicates, ~2 % poison, ~2 % invalid transitions)");
    }

    private void order() {
        int order = orderSeq++;
        String orderId = "ord-" + (100_000 + order);
        String customerId = "cust-" + (1000 + customers.next());
        double c = random.nextDouble();
        String currency = c < 0.6 ? "EUR" : c < 0.9 ? "USD" : "JPY";
        int scale = currency.equals("JPY") ? 0 : 2;
        ArrayNode items = JSON.createArrayNode();
        long totalMinor = 0;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(3);
            long unitMinor = scale == 0 ? 100L * (5 + random.nextInt(60)) : 199 + random.nextInt(4_000);
            totalMinor += quantity * unitMinor;
            items.addObject().put("sku", SKUS[random.nextInt(SKUS.length)]).put("quantity", quantity)
                    .put("unitPrice", money(unitMinor, scale));
        }
        Instant at = BASE.plusSeconds(random.nextInt(windowSeconds));
        ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", customerId).put("currency", currency);
        placed.set("items", items);
        placed.put("total", money(totalMinor, scale));
        add(at, order, orderId, placed, "applied");
        double path = random.nextDouble();
        if (path < 0.08) {
            at = next(at);
            add(at, order, orderId, event(orderId, "ORDER_CANCELLED", at), "applied");
            return;
        }
        if (random.nextDouble() < 0.02) {
            at = next(at);
            add(at, order, orderId, event(orderId, "ORDER_SHIPPED", at), "INVALID_TRANSITION");
        }
        at = next(at);
        add(at, order, orderId, event(orderId, "PAYMENT_CAPTURED", at).put("currency", currency)
                .put("amount", money(totalMinor, scale)), "applied");
        if (path < 0.15) {
            return;
        }
        at = next(at);
        add(at, order, orderId, event(orderId, "ORDER_SHIPPED", at), "applied");
        at = next(at);
        add(at, order, orderId, event(orderId, "ORDER_DELIVERED", at), "applied");
        if (path >= 0.9) {
            long refund = random.nextBoolean() ? totalMinor : Math.max(1, totalMinor / 2);
            at = next(at);
            add(at, order, orderId, event(orderId, "ORDER_REFUNDED", at).put("currency", currency)
                    .put("amount", money(refund, scale)), "applied");
        }
    }

    private void poison() {
        int order = orderSeq++;
        String orderId = "ord-" + (100_000 + order);
        Instant at = BASE.plusSeconds(random.nextInt(windowSeconds));
        switch (random.nextInt(3)) {
            case 0 -> out.add(new Timed(at, order, new WorkloadRecord(orderId,
                    ("{\"schemaVersion\": 1, \"type\": \"ORDER_PLACED\", \"orderId\": \"" + orderId)
                            .getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON")));
            case 1 -> add(at, order, orderId, event(orderId, "ORDER_TELEPORTED", at), "UNKNOWN_EVENT_TYPE");
            default -> {
                ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", "cust-1")
                        .put("currency", "EUR");
                placed.putArray("items").addObject().put("sku", "BOOK-0042").put("quantity", 2)
                        .put("unitPrice", "12.50");
                placed.put("total", "26.00");
                add(at, order, orderId, placed, "TOTAL_MISMATCH");
            }
        }
    }

    private Instant next(Instant at) {
        return at.plusSeconds(20 + random.nextInt(600));
    }

    private ObjectNode event(String orderId, String type, Instant at) {
        return JSON.createObjectNode().put("schemaVersion", 1).put("eventId", "evt-" + (1_000_000 + eventSeq++))
                .put("type", type).put("orderId", orderId).put("occurredAt", at.toString());
    }

    private void add(Instant at, int order, String orderId, ObjectNode event, String expected) {
        byte[] data = event.toString().getBytes(StandardCharsets.UTF_8);
        out.add(new Timed(at, order, new WorkloadRecord(orderId, data, expected)));
        if (expected.equals("applied") && random.nextDouble() < 0.05) {
            // Sent twice by the producer (a retry after a timeout): the same event, counted once.
            out.add(new Timed(at.plusMillis(1), order, new WorkloadRecord(orderId, data, "duplicate")));
        }
    }

    static String money(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
