package com.streamproc.e2e.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.HostileRecords;
import com.streamproc.e2e.generate.OrderIntent;
import com.streamproc.e2e.generate.Poison;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.e2e.reference.OrderReference;
import com.streamproc.e2e.verify.Mismatches;
import com.streamproc.e2e.verify.OrderStateCheck;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.orders.query.OrderQueries;
import com.streamproc.orders.traffic.OrderTraffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Order processing: orders through their lifecycle, revenue per UTC day and currency. */
public final class OrderModel implements EndToEndModel<OrderIntent> {
    /** Event times lie in the three days from here: in the past on any clock that runs these tests. */
    public static final Instant FIRST_DAY = Instant.parse("2025-03-03T00:00:00Z");
    /** What an order event can be broken by for certain: its ids, its type, its time. */
    public static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("eventId", "orderId", "type"), "type", "X_", "occurredAt");

    private static final Set<String> REVENUE_CURRENCIES = Set.of("EUR", "USD", "JPY", "GBP", "CHF", "BHD", "KRW",
            "SEK");
    /** Outcomes of records that decode: the reference decides them from the stored order, in stream order. */
    private static final Set<String> DECODED = Set.of(TrafficRecord.APPLIED, TrafficRecord.DUPLICATE,
            OrderReasons.ORDER_UNKNOWN, OrderReasons.INVALID_TRANSITION, OrderReasons.CUSTOMER_MISMATCH,
            OrderReasons.CURRENCY_MISMATCH, OrderReasons.AMOUNT_MISMATCH, OrderReasons.REFUND_EXCEEDS_CAPTURE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String functionName() {
        return OrderProcessingDescriptor.NAME;
    }

    /**
     * The stream of the function's own generator at the suite's shape: mostly edge cases (every lifecycle path,
     * offsets, money forms and currencies, resends in other bytes, rule breakers, every reason code), 12 % producer
     * retries, the rest its everyday records; then the suite's hostile records scattered over it.
     */
    @Override
    public List<Produced<OrderIntent>> generate(long seed, int scale) {
        Random random = new Random(seed * 31 + 5);
        return HostileRecords.streamOf(new OrderTraffic().traffic(shape(seed, scale)).records(), OrderModel::intent,
                (record, intent) -> intent instanceof OrderIntent.Valid, random,
                (i, orderId) -> hostile(random, seed, i, orderId));
    }

    /** About 200 records per unit of scale, over three days. */
    public static TrafficShape shape(long seed, int scale) {
        OrderTraffic traffic = new OrderTraffic();
        return traffic.typical(200 * scale, seed).withRun("s" + Math.abs(seed % 100_000))
                .withTimes(FIRST_DAY, Duration.ofDays(3)).withShares(0.12, 0.08, 0.06, 0.1).withEdgeShare(0.8);
    }

    /**
     * Without the records whose outcome a give-up decides by the order in which they are then processed. After a
     * give-up, the later records of an order are processed before the given-up range is replayed, and those then
     * quarantined as {@code ORDER_UNKNOWN} or {@code INVALID_TRANSITION} are redriven after it; so are left out:
     * <ul>
     *   <li>every record the stored order refuses in stream order (an event sent before its order's placement, a
     *   second placement, a shipment before payment, an event after a final one, a capture or refund the order's
     *   customer, currency or amounts refuse), except the events of orders never placed: quarantined once, it
     *   could be redriven and then applied, or judged against another state;</li>
     *   <li>every event (with its resends) that the order would also take in a status it held before the one it
     *   moved from (a cancellation after the capture, a refund after shipment or delivery): applied in the
     *   meantime when the event before it was given up, it wins, and the replayed one is refused.</li>
     * </ul>
     * docs/deployment.md, "After Lambda gives up on a batch", names these limits.
     */
    @Override
    public List<Produced<OrderIntent>> generateForGiveUp(long seed, int scale) {
        List<Produced<OrderIntent>> input = generate(seed, scale);
        List<Delivered<OrderIntent>> inOrder = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            // One shard in put order: the order the function meets an order's records in.
            inOrder.add(new Delivered<>(new StreamPosition("shard", Integer.toString(i + 1), null), input.get(i)));
        }
        OrderReference reference = OrderReference.of(inOrder);
        Set<StreamPosition> refused = new HashSet<>();
        Set<String> conflicting = new HashSet<>();
        Map<String, List<String>> earlier = new HashMap<>();
        for (Delivered<OrderIntent> record : inOrder) {
            if (!(record.intent() instanceof OrderIntent.Valid valid)) {
                continue;
            }
            OrderIntent.Event event = valid.event();
            String rejection = reference.poison().get(record.position());
            if (rejection != null) {
                if (reference.orders().containsKey(event.orderId())) {
                    refused.add(record.position());
                }
                continue;
            }
            String from = reference.appliedFrom().get(record.position());
            if (from == null || from.isEmpty()) {
                continue; // a repeat, or a placement
            }
            List<String> held = earlier.computeIfAbsent(event.orderId(), id -> new ArrayList<>());
            if (held.stream().anyMatch(status -> OrderReference.allows(status, event.type()))) {
                conflicting.add(event.eventId());
            }
            held.add(from);
        }
        return inOrder.stream().filter(record -> !(record.intent() instanceof OrderIntent.Valid valid
                && (refused.contains(record.position()) || conflicting.contains(valid.event().eventId()))))
                .map(Delivered::record).toList();
    }

    /** The intent from what the generator states: the reference model starts from it, never from the bytes. */
    private static OrderIntent intent(TrafficRecord record) {
        if (!DECODED.contains(record.expected())) {
            return new OrderIntent.Poison(record.expected());
        }
        Map<String, String> stated = record.stated();
        List<OrderIntent.Line> lines = new ArrayList<>();
        if (stated.containsKey("items")) {
            for (String line : stated.get("items").split(";")) {
                String[] parts = line.split(" ");
                lines.add(new OrderIntent.Line(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
            }
        }
        String amount = stated.get("amountMinor");
        return new OrderIntent.Valid(new OrderIntent.Event(OrderIntent.Type.valueOf(stated.get("type")),
                stated.get("eventId"), stated.get("orderId"), stated.get("customerId"), stated.get("currency"),
                amount == null ? null : Long.valueOf(amount), lines, Instant.parse(stated.get("occurredAt"))));
    }

    /** A hostile record ({@link HostileRecords}), mostly under the key of an order of the stream. */
    private static Produced<OrderIntent> hostile(Random random, long seed, int i, String orderId) {
        ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1)
                .put("eventId", "hostile-s" + Math.abs(seed % 100_000) + "-" + i).put("type", "ORDER_PLACED")
                .put("orderId", orderId).put("customerId", "cust-x")
                .put("occurredAt", FIRST_DAY.plusSeconds(random.nextInt(3 * 24 * 3600)).toString())
                .put("currency", "EUR");
        json.putArray("items").addObject().put("sku", "sku-1").put("quantity", 1).put("unitPrice", "10.00");
        json.put("total", "10.00");
        HostileRecords.Made made = HostileRecords.of(random, json, orderId, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(), new OrderIntent.Poison(Poison.ANY_REASON));
    }

    @Override
    public boolean isPoison(OrderIntent intent) {
        return intent instanceof OrderIntent.Poison;
    }

    @Override
    public Verdict verify(List<Delivered<OrderIntent>> delivered, DynamoDbClient dynamoDb, String table) {
        OrderReference reference = OrderReference.of(delivered);
        Mismatches mismatches = OrderStateCheck.compare(reference, new OrderQueries(dynamoDb, table),
                UtcDays.from(FIRST_DAY, -1, 10), REVENUE_CURRENCIES);
        return new Verdict(reference.poison(), reference.duplicates(), mismatches);
    }

    @Override
    public Set<String> reasonsAfterAGiveUp() {
        return Set.of(OrderReasons.ORDER_UNKNOWN, OrderReasons.INVALID_TRANSITION);
    }

    @Override
    public Set<String> reasonCodes() {
        return ReasonCodeConstants.withShared(OrderReasons.class);
    }

    @Override
    public Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                                  Map<String, String> checks) {
        String orderId = checks.getOrDefault("orderId", "ord-" + id);
        Optional<Order> order = new OrderQueries(dynamoDb, table).orderById(orderId);
        if (order.isEmpty()) {
            return Optional.of("order " + orderId + " was not stored");
        }
        String customerId = checks.get("customerId");
        if (customerId != null && !customerId.equals(order.get().customerId())) {
            return Optional.of("customerId stored as " + order.get().customerId() + ", sent " + customerId);
        }
        return Optional.empty();
    }
}
