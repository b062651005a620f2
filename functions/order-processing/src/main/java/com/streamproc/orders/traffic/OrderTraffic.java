package com.streamproc.orders.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.PartitionTraits;
import com.streamproc.shared.traffic.RecordEffect;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import com.streamproc.shared.traffic.Zipf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Order lifecycles as a shop emits them, following docs/functions/order-processing.md: placed, paid, shipped,
 * delivered, some cancelled or refunded, in EUR, USD and JPY, 1-3 line items, customers drawn with the shape's key
 * skew; placements spread over the span, 20 s to 10 min between an order's steps (never past the span's end),
 * events of all orders sent in time order. The shares: duplicates are producer retries of an event; out of order,
 * a payment that overtakes its order's placement ({@code ORDER_UNKNOWN}); poison, broken JSON, an unknown type, a
 * total that does not add up, a schema version from the future; invalid, a shipment before payment
 * ({@code INVALID_TRANSITION}) or an event of an order never placed ({@code ORDER_UNKNOWN}).
 * An applied event shows in its order's {@code appliedEventIds}.
 */
public final class OrderTraffic extends StreamTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKUS = {"BOOK-0042", "PEN-0007", "TEA-0100", "MUG-0311", "LAMP-0900", "SOCK-0023"};
    /** Events of an order, about: placement, payment, shipment, delivery, sometimes a refund or cancellation. */
    private static final double EVENTS_PER_ORDER = 4;
    private static final int CUSTOMERS = 500;

    public OrderTraffic() {
        super(OrderProcessingDescriptor.NAME, "orderId", 0.4);
    }

    /** About two new orders a second; 5 % duplicates, 0.5 % poison, 0.5 % invalid, customers Zipf 1.1. */
    @Override
    public TrafficShape typical(int count, long seed) {
        return TrafficShape.of(count, seed).withTimes(TrafficShape.DEFAULT_START,
                        Duration.ofSeconds(Math.max(60, count / 2)))
                .withKeySkew(1.1).withShares(0.05, 0.005, 0.005, 0.005);
    }

    @Override
    public BenchmarkProfile benchmark() {
        // A customer's orders ride many shards (orders are keyed by order id); an order's events keep their order.
        return new BenchmarkProfile("orders", Set.of("appliedEventIds", "rejectedRecords", "version"), null, 1.0,
                OptionalDouble.of(2.0), false).withPartitionTraits(PartitionTraits.eventTimeIn("occurredAt")
                .keyOrdered().withPerEntityIndexes("byCustomer")
                .withHotKey(new PartitionTraits.HotKey("customer", 0.05, Map.of("customerId", "cust-hot"), null)));
    }

    @Override
    public Traffic traffic(TrafficShape shape) {
        Run run = new Run(shape);
        run.generate();
        return new Traffic(run.records(), List.of(run.customer(0)), shape.count() + " order events over "
                + run.orderSeq + " orders (time-ordered lifecycles; " + shape.describe() + ")");
    }

    private static final class Run {
        private record Timed(Instant at, int order, TrafficRecord record) {
        }

        private final TrafficShape shape;
        private final Random random;
        private final Draws draws;
        private final Zipf customers;
        private final String tag;
        private final List<Timed> out = new ArrayList<>();
        private int orderSeq;
        private int eventSeq;

        Run(TrafficShape shape) {
            this.shape = shape;
            this.random = new Random(shape.seed());
            this.draws = new Draws(random, shape);
            this.customers = draws.zipf(CUSTOMERS);
            this.tag = shape.run().isEmpty() ? "" : shape.run() + "-";
        }

        String customer(int rank) {
            return "cust-" + tag + (1000 + rank);
        }

        void generate() {
            // Half the invalid share are events of orders never placed, half shipments before payment.
            while (out.size() < shape.count()) {
                switch (draws.kind(EVENTS_PER_ORDER)) {
                    case POISON -> poison();
                    case INVALID -> {
                        if (random.nextBoolean()) {
                            neverPlaced();
                        } else {
                            order(true);
                        }
                    }
                    case VALID -> order(false);
                }
            }
        }

        List<TrafficRecord> records() {
            out.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));
            return out.stream().limit(shape.count()).map(Timed::record).toList();
        }

        private void order(boolean shippedBeforePaid) {
            int order = orderSeq++;
            String orderId = orderId(order);
            String customerId = customer(customers.next());
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
            Instant at = draws.anytime();
            if (draws.chance(shape.outOfOrderShare() * EVENTS_PER_ORDER)) {
                // The capture overtook the placement at the producer: the order is unknown when it arrives.
                add(at, order, orderId, event(orderId, "PAYMENT_CAPTURED", at).put("currency", currency)
                        .put("amount", money(totalMinor, scale)), OrderReasons.ORDER_UNKNOWN);
                at = at.plusMillis(1);
            }
            ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", customerId)
                    .put("currency", currency);
            placed.set("items", items);
            placed.put("total", money(totalMinor, scale));
            add(at, order, orderId, placed, TrafficRecord.APPLIED);
            double path = random.nextDouble();
            if (path < 0.08 && !shippedBeforePaid) {
                at = next(at);
                add(at, order, orderId, event(orderId, "ORDER_CANCELLED", at), TrafficRecord.APPLIED);
                return;
            }
            if (shippedBeforePaid) {
                // Shipped before it was paid: the lifecycle refuses it, and the order goes on as if it never came.
                at = next(at);
                add(at, order, orderId, event(orderId, "ORDER_SHIPPED", at), OrderReasons.INVALID_TRANSITION);
            }
            at = next(at);
            add(at, order, orderId, event(orderId, "PAYMENT_CAPTURED", at).put("currency", currency)
                    .put("amount", money(totalMinor, scale)), TrafficRecord.APPLIED);
            if (path < 0.15) {
                return; // paid, waiting for shipment
            }
            at = next(at);
            add(at, order, orderId, event(orderId, "ORDER_SHIPPED", at), TrafficRecord.APPLIED);
            at = next(at);
            add(at, order, orderId, event(orderId, "ORDER_DELIVERED", at), TrafficRecord.APPLIED);
            if (path >= 0.9) {
                long refund = random.nextBoolean() ? totalMinor : Math.max(1, totalMinor / 2);
                at = next(at);
                add(at, order, orderId, event(orderId, "ORDER_REFUNDED", at).put("currency", currency)
                        .put("amount", money(refund, scale)), TrafficRecord.APPLIED);
            }
        }

        private void neverPlaced() {
            int order = orderSeq++;
            String orderId = orderId(order);
            Instant at = draws.anytime();
            add(at, order, orderId, event(orderId, "ORDER_DELIVERED", at), OrderReasons.ORDER_UNKNOWN);
        }

        private void poison() {
            int order = orderSeq++;
            String orderId = orderId(order);
            Instant at = draws.anytime();
            switch (random.nextInt(4)) {
                case 0 -> out.add(new Timed(at, order, new TrafficRecord(orderId,
                        ("{\"schemaVersion\": 1, \"type\": \"ORDER_PLACED\", \"orderId\": \"" + orderId)
                                .getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON", RecordEffect.none())));
                case 1 -> add(at, order, orderId, event(orderId, "ORDER_TELEPORTED", at), "UNKNOWN_EVENT_TYPE");
                case 2 -> {
                    ObjectNode placed = event(orderId, "ORDER_PLACED", at).put("customerId", customer(0))
                            .put("currency", "EUR");
                    placed.putArray("items").addObject().put("sku", "BOOK-0042").put("quantity", 2)
                            .put("unitPrice", "12.50");
                    placed.put("total", "26.00");
                    add(at, order, orderId, placed, OrderReasons.TOTAL_MISMATCH);
                }
                default -> add(at, order, orderId, event(orderId, "ORDER_PLACED", at).put("schemaVersion", 2),
                        "UNSUPPORTED_SCHEMA_VERSION");
            }
        }

        private String orderId(int order) {
            return "ord-" + tag + (100_000 + order);
        }

        /** The order's next step, never after the span's end (so that the demo's traffic never lies ahead). */
        private Instant next(Instant at) {
            Instant step = at.plusSeconds(20 + random.nextInt(600));
            Instant end = shape.end();
            return step.isAfter(end) ? (at.isBefore(end) ? end : at.plusMillis(1)) : step;
        }

        private ObjectNode event(String orderId, String type, Instant at) {
            return JSON.createObjectNode().put("schemaVersion", 1)
                    .put("eventId", "evt-" + tag + (1_000_000 + eventSeq++)).put("type", type)
                    .put("orderId", orderId).put("occurredAt", at.toString());
        }

        private void add(Instant at, int order, String orderId, ObjectNode event, String expected) {
            byte[] data = event.toString().getBytes(StandardCharsets.UTF_8);
            RecordEffect effect = RecordEffect.inStringSet(Map.of("orderId", AttributeValue.fromS(orderId)),
                    "appliedEventIds", event.get("eventId").asText());
            TrafficRecord record = new TrafficRecord(orderId, data, expected, effect);
            out.add(new Timed(at, order, record));
            if (expected.equals(TrafficRecord.APPLIED) && draws.duplicate()) {
                // Sent twice by the producer (a retry after a timeout): the same event, counted once.
                out.add(new Timed(at.plusMillis(1), order, record.duplicate()));
            }
        }
    }

    static String money(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
