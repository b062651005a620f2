package com.streamproc.orders.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.SyntheticEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Order events: each order lives through its lifecycle; a handful are in flight at any time. */
final class OrderFactory implements SyntheticEvents.Generator {
    private static final int MAX_IN_FLIGHT = 25;
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "USD", "GBP", "JPY");
    private static final List<String> SKUS = List.of("SKU-BOOK-01", "SKU-MUG-02", "SKU-TEE-03", "SKU-LAMP-04",
            "SKU-PEN-05", "SKU-BAG-06", "SKU-CAP-07", "SKU-SOCK-08");

    private final Random random;
    private final Clock clock;
    private final String run;
    private final List<Order> inFlight = new ArrayList<>();
    private long orders;

    OrderFactory(Random random, Clock clock, String run) {
        this.random = random;
        this.clock = clock;
        this.run = run;
    }

    /** What the generator remembers of an order between its events. */
    private static final class Order {
        final String orderId;
        final String customerId;
        final Currency currency;
        final long totalMinor;
        String status = "PLACED";
        Instant lastAt;

        Order(String orderId, String customerId, Currency currency, long totalMinor, Instant at) {
            this.orderId = orderId;
            this.customerId = customerId;
            this.currency = currency;
            this.totalMinor = totalMinor;
            this.lastAt = at;
        }
    }

    @Override
    public String keyField() {
        return "orderId";
    }

    @Override
    public ObjectNode next() {
        if (inFlight.isEmpty() || (inFlight.size() < MAX_IN_FLIGHT && random.nextDouble() < 0.35)) {
            return placed();
        }
        Order order = inFlight.get(random.nextInt(inFlight.size()));
        String type = nextType(order.status);
        ObjectNode event = header(order, type);
        switch (type) {
            case "PAYMENT_CAPTURED" -> {
                event.put("currency", order.currency.getCurrencyCode());
                event.put("amount", decimal(order.totalMinor, order.currency));
            }
            case "ORDER_REFUNDED" -> {
                long refund = random.nextBoolean() ? order.totalMinor : Math.max(1, order.totalMinor / 2);
                event.put("currency", order.currency.getCurrencyCode());
                event.put("amount", decimal(refund, order.currency));
            }
            default -> {
                // status-only events carry no money
            }
        }
        order.status = statusAfter(type);
        if (order.status.equals("CANCELLED") || order.status.equals("REFUNDED")
                || (order.status.equals("DELIVERED") && random.nextDouble() < 0.9)) {
            inFlight.remove(order);
        }
        return event;
    }

    private ObjectNode placed() {
        orders++;
        Currency currency = Currency.getInstance(CURRENCIES.get(random.nextInt(CURRENCIES.size())));
        String customerId = "cust-" + run + "-" + (1 + random.nextInt(40));
        Order order = new Order("ord-" + run + "-" + String.format("%06d", orders), customerId, currency, 0, now(null));
        ObjectNode event = header(order, "ORDER_PLACED");
        event.put("customerId", customerId);
        event.put("currency", currency.getCurrencyCode());
        ArrayNode items = event.putArray("items");
        long total = 0;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(4);
            long unitMinor = unitPriceMinor(currency);
            ObjectNode item = items.addObject();
            item.put("sku", SKUS.get(random.nextInt(SKUS.size())));
            item.put("quantity", quantity);
            item.put("unitPrice", decimal(unitMinor, currency));
            total += unitMinor * quantity;
        }
        event.put("total", decimal(total, currency));
        inFlight.add(new Order(order.orderId, customerId, currency, total, order.lastAt));
        return event;
    }

    private long unitPriceMinor(Currency currency) {
        // JPY has no minor unit: prices in whole yen of a similar size.
        return currency.getDefaultFractionDigits() == 0 ? 100L * (5 + random.nextInt(150))
                : 99 + 100L * random.nextInt(120);
    }

    private String nextType(String status) {
        double roll = random.nextDouble();
        return switch (status) {
            case "PLACED" -> roll < 0.85 ? "PAYMENT_CAPTURED" : "ORDER_CANCELLED";
            case "PAID" -> roll < 0.8 ? "ORDER_SHIPPED" : roll < 0.9 ? "ORDER_REFUNDED" : "ORDER_CANCELLED";
            case "SHIPPED" -> roll < 0.9 ? "ORDER_DELIVERED" : "ORDER_REFUNDED";
            default -> "ORDER_REFUNDED";
        };
    }

    private static String statusAfter(String type) {
        return switch (type) {
            case "PAYMENT_CAPTURED" -> "PAID";
            case "ORDER_SHIPPED" -> "SHIPPED";
            case "ORDER_DELIVERED" -> "DELIVERED";
            case "ORDER_CANCELLED" -> "CANCELLED";
            case "ORDER_REFUNDED" -> "REFUNDED";
            default -> "PLACED";
        };
    }

    private ObjectNode header(Order order, String type) {
        Instant at = now(order.lastAt);
        order.lastAt = at;
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("schemaVersion", 1);
        event.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
        event.put("type", type);
        event.put("orderId", order.orderId);
        event.put("occurredAt", at.toString());
        return event;
    }

    /** The clock's time, but always after the order's previous event, to the millisecond. */
    private Instant now(Instant previous) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }

    private static String decimal(long minor, Currency currency) {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()).toPlainString();
    }

    @Override
    public ObjectNode invalid() {
        ObjectNode event = placed();
        inFlight.removeIf(o -> o.orderId.equals(event.get("orderId").asText()));
        // A total one cent off the sum of the lines: TOTAL_MISMATCH.
        Currency euro = Currency.getInstance("EUR");
        event.put("currency", euro.getCurrencyCode());
        long sum = 0;
        for (var item : event.withArray("items")) {
            ((ObjectNode) item).put("unitPrice", "10.00");
            sum += 1000L * item.get("quantity").asInt();
        }
        event.put("total", decimal(sum + 1, euro));
        return event;
    }
}
