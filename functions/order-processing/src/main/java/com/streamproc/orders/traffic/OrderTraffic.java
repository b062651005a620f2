package com.streamproc.orders.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.EventPoison;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
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
 *
 * <p>The edge share: orders in EUR, USD, JPY, GBP, CHF, BHD (three decimals), KRW and SEK, some with free items or
 * a quantity of 1000; order, event and customer ids with non-ASCII letters; every lifecycle path (placed only,
 * cancelled unpaid or paid, paid, refunded in full or in part after payment, shipment or delivery, shipped,
 * delivered); times at offsets from -12:00 to +14:00, with or without seconds, some with digits below the
 * millisecond; money as text, as text with a trailing zero, or as a JSON number; optional {@code customerId} and
 * {@code currency} repeated on later events; unknown fields; resends of an applied event in other bytes (another
 * rendering, a {@code producerAttempt} field: the same event id, so the same event); rule breakers the stored order
 * refuses (a cancellation sent before its placement, a second placement, a shipment before payment, an event after
 * a cancellation or refund, a capture naming another customer, currency or amount, a refund above the capture); and
 * a quarter of the edge stories single poison records, of each kind in turn: an empty record, a byte that is never
 * UTF-8, truncated JSON, a field name twice, an unpaired surrogate escape, a schema version as a string or from the
 * future, a quantity as a string, an id over 256 characters, a placement without customer, an unknown type, a time
 * without offset or before 1970, a currency without minor units, money in exponent form or with a decimal comma, a
 * negative price, too many decimals, a total beyond 64 bits, a quantity of 0 or 2.0, no items, a total that does
 * not add up, and a valid placement under another order's key. Edge records are drawn from a random of their own,
 * only when the edge share is above 0: at 0 the records are those made before the knob existed.
 *
 * <p>{@link TrafficRecord#stated() Stated} for every record that decodes (applied, a duplicate, refused by the
 * stored order or by the partition-key rule): {@code type}, {@code eventId}, {@code orderId}, {@code occurredAt}
 * (the instant in UTC to the millisecond, ISO-8601), {@code customerId} and {@code currency} when the event carries
 * them, {@code amountMinor} (a placement's total, a capture's or refund's amount, in minor units) and for a
 * placement {@code items} ({@code sku quantity unitPriceMinor}, lines joined by {@code ;}). Nothing for a record the
 * decoder refuses.
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
        /** The edge cases, from a random of their own: none at edge share 0, and the other draws untouched. */
        private final Edges edges;
        private int orderSeq;
        private int eventSeq;

        Run(TrafficShape shape) {
            this.shape = shape;
            this.random = new Random(shape.seed());
            this.draws = new Draws(random, shape);
            this.customers = draws.zipf(CUSTOMERS);
            this.tag = shape.run().isEmpty() ? "" : shape.run() + "-";
            this.edges = shape.edgeShare() > 0 ? new Edges(this) : null;
        }

        String customer(int rank) {
            return "cust-" + tag + (1000 + rank);
        }

        void generate() {
            // Half the invalid share are events of orders never placed, half shipments before payment.
            while (out.size() < shape.count()) {
                if (edges != null && edges.drawStory()) {
                    continue;
                }
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
            TrafficRecord record = new TrafficRecord(orderId, data, expected, effect,
                    STATED_WHEN.contains(expected) ? stated(event) : Map.of());
            out.add(new Timed(at, order, record));
            if (expected.equals(TrafficRecord.APPLIED) && draws.duplicate()) {
                // Sent twice by the producer (a retry after a timeout): the same event, counted once.
                out.add(new Timed(at.plusMillis(1), order, record.duplicate()));
            }
        }
    }

    /** The outcomes of records that decode: what the function reads of them is stated. */
    private static final Set<String> STATED_WHEN = Set.of(TrafficRecord.APPLIED, OrderReasons.ORDER_UNKNOWN,
            OrderReasons.INVALID_TRANSITION, OrderReasons.CUSTOMER_MISMATCH, OrderReasons.CURRENCY_MISMATCH,
            OrderReasons.AMOUNT_MISMATCH, OrderReasons.REFUND_EXCEEDS_CAPTURE, ReasonCodes.PARTITION_KEY_MISMATCH);

    /** What the function must read of an event written in canonical form (UTC times, money as plain text). */
    private static Map<String, String> stated(ObjectNode event) {
        String currency = event.hasNonNull("currency") ? event.get("currency").asText() : null;
        List<Line> lines = new ArrayList<>();
        Long amount = null;
        if (event.has("items")) {
            for (var item : event.get("items")) {
                lines.add(new Line(item.get("sku").asText(), item.get("quantity").asInt(),
                        minor(item.get("unitPrice").asText(), currency)));
            }
            amount = minor(event.get("total").asText(), currency);
        } else if (event.has("amount")) {
            amount = minor(event.get("amount").asText(), currency);
        }
        return new Spec(event.get("type").asText(), event.get("eventId").asText(), event.get("orderId").asText(),
                event.hasNonNull("customerId") ? event.get("customerId").asText() : null, currency, amount, lines,
                Instant.parse(event.get("occurredAt").asText())).stated();
    }

    /**
     * What the function reads of a decoded event, under the names of the statement (the class Javadoc): a record
     * that decodes states exactly this.
     */
    public static Map<String, String> statementOf(OrderEvent event) {
        Long amount = event instanceof OrderEvent.OrderPlaced placed ? Long.valueOf(placed.total().minor())
                : event instanceof OrderEvent.PaymentCaptured captured ? Long.valueOf(captured.amount().minor())
                : event instanceof OrderEvent.OrderRefunded refunded ? Long.valueOf(refunded.amount().minor()) : null;
        List<Line> lines = event instanceof OrderEvent.OrderPlaced placed ? placed.items().stream()
                .map(item -> new Line(item.sku(), item.quantity(), item.unitPrice().minor())).toList() : List.of();
        return new Spec(event.type().name(), event.eventId(), event.orderId(), event.header().customerId(),
                event.header().currency() == null ? null : event.header().currency().getCurrencyCode(), amount, lines,
                event.header().occurredAt()).stated();
    }

    private static long minor(String amount, String currency) {
        return new BigDecimal(amount).movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
                .longValueExact();
    }

    /** One line of an order: quantity × unit price in minor units. */
    private record Line(String sku, int quantity, long unitMinor) {
    }

    /**
     * An event as the function must read it, whatever its rendering.
     *
     * @param amountMinor the total of a placement, the amount of a capture or refund, else null
     */
    private record Spec(String type, String eventId, String orderId, String customerId, String currency,
                        Long amountMinor, List<Line> lines, Instant occurredAt) {
        Spec at(Instant time) {
            return new Spec(type, eventId, orderId, customerId, currency, amountMinor, lines, time);
        }

        Map<String, String> stated() {
            Map<String, String> fields = new HashMap<>();
            fields.put("type", type);
            fields.put("eventId", eventId);
            fields.put("orderId", orderId);
            fields.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
            if (customerId != null) {
                fields.put("customerId", customerId);
            }
            if (currency != null) {
                fields.put("currency", currency);
            }
            if (amountMinor != null) {
                fields.put("amountMinor", Long.toString(amountMinor));
            }
            if (!lines.isEmpty()) {
                fields.put("items", String.join(";", lines.stream()
                        .map(l -> l.sku() + " " + l.quantity() + " " + l.unitMinor()).toList()));
            }
            return fields;
        }
    }

    /**
     * The records of the edge share: orders in every currency the tests use (also BHD with three decimals and KRW
     * with none), ids with non-ASCII letters, free items, every lifecycle path, times at offsets (with and without
     * seconds, with digits below the millisecond), money as text, as text with a trailing zero or as a JSON number,
     * optional fields repeated, unknown fields; resends of an applied event in other bytes; rule breakers of every
     * reason the stored order decides; and poison of every other reason code, in turn.
     */
    private static final class Edges extends EdgeStories {
        private static final String[] CURRENCIES = {"EUR", "USD", "JPY", "GBP", "CHF", "BHD", "KRW", "SEK"};
        private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(14), ZoneOffset.ofHoursMinutes(-9, -30),
            ZoneOffset.ofHours(-12)};
        /** Records of an edge story, about: a quarter single poison records, else an order's 3-5 events. */
        private static final double RECORDS_PER_STORY = 0.25 + 0.75 * 4.5;

        private final Run run;
        private final Instant latest;
        private int orderSeq;
        private int eventSeq;
        private int poisonSeq;

        Edges(Run run) {
            super(new Random(run.shape.seed() ^ 0x0ED6E5EEDL), run.shape, EVENTS_PER_ORDER, RECORDS_PER_STORY);
            this.run = run;
            this.latest = run.shape.end();
        }

        private record Step(Spec spec, String expected, boolean resent) {
        }

        /** An order's lifecycle, on any path, with a rule breaker now and then. */
        @Override
        protected void story() {
            int n = orderSeq++;
            String orderId = pick("ord-e-", "ord-e-", "ord-e-", "ordre-\u00e9t\u00e9-", "\u6ce8\u6587-",
                    "bestellung-\u00fc-") + run.tag + n;
            String customerId = pick("cust-e-", "cust-e-", "kunde-Zo\u00eb-") + run.tag + (n % 7);
            String currency = pick(CURRENCIES);
            int scale = Currency.getInstance(currency).getDefaultFractionDigits();
            List<Line> lines = new ArrayList<>();
            long total = 0;
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                int quantity = random.nextInt(10) == 0 ? 1000 : 1 + random.nextInt(4);
                long unit = random.nextInt(10) == 0 ? 0 // a free item
                        : scale == 0 ? 100L * (1 + random.nextInt(500)) : 1 + random.nextInt(scale == 3 ? 500_000 : 50_000);
                lines.add(new Line(pick(SKUS[random.nextInt(SKUS.length)], "CAF\u00c9-0001"), quantity, unit));
                total += quantity * unit;
            }
            List<String> path = switch (random.nextInt(9)) {
                case 0 -> List.of();
                case 1 -> List.of("ORDER_CANCELLED");
                case 2 -> List.of("PAYMENT_CAPTURED");
                case 3 -> List.of("PAYMENT_CAPTURED", "ORDER_CANCELLED");
                case 4 -> List.of("PAYMENT_CAPTURED", "ORDER_REFUNDED");
                case 5 -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED");
                case 6 -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED", "ORDER_REFUNDED");
                case 7 -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED", "ORDER_DELIVERED");
                default -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED", "ORDER_DELIVERED", "ORDER_REFUNDED");
            };
            int breaker = random.nextInt(12);
            List<Step> steps = new ArrayList<>();
            if (breaker == 5) {
                // Sent before its order's placement: nothing to cancel yet.
                steps.add(new Step(spec("ORDER_CANCELLED", orderId, null, null, null, List.of()),
                        OrderReasons.ORDER_UNKNOWN, false));
            }
            Spec placed = spec("ORDER_PLACED", orderId, customerId, currency, total, lines);
            steps.add(new Step(placed, TrafficRecord.APPLIED, false));
            String other = currency.equals("CHF") ? "EUR" : "CHF";
            switch (breaker) {
                case 0 -> steps.add(new Step(spec("PAYMENT_CAPTURED", orderId, "cust-other-" + run.tag + n, currency,
                        total, List.of()), OrderReasons.CUSTOMER_MISMATCH, false));
                case 1 -> steps.add(new Step(spec("PAYMENT_CAPTURED", orderId, null, other, total, List.of()),
                        OrderReasons.CURRENCY_MISMATCH, false));
                case 2 -> steps.add(new Step(spec("PAYMENT_CAPTURED", orderId, null, currency, total + 1, List.of()),
                        OrderReasons.AMOUNT_MISMATCH, false));
                case 3 -> steps.add(new Step(spec("ORDER_PLACED", orderId, customerId, currency, total, lines),
                        OrderReasons.INVALID_TRANSITION, false)); // a second placement
                case 4 -> steps.add(new Step(spec("ORDER_SHIPPED", orderId, null, null, null, List.of()),
                        OrderReasons.INVALID_TRANSITION, false)); // shipped before it was paid
                default -> {
                }
            }
            long captured = 0;
            for (String type : path) {
                boolean money = type.equals("PAYMENT_CAPTURED") || type.equals("ORDER_REFUNDED");
                Long amount = type.equals("PAYMENT_CAPTURED") ? Long.valueOf(total)
                        : type.equals("ORDER_REFUNDED") ? Long.valueOf(random.nextBoolean() ? captured
                                : (long) (random.nextDouble() * (captured + 1))) : null;
                // Optional fields repeated now and then, always the order's own.
                String carriedCustomer = random.nextInt(4) == 0 ? customerId : null;
                String carriedCurrency = money || random.nextInt(4) == 0 ? currency : null;
                steps.add(new Step(spec(type, orderId, carriedCustomer, carriedCurrency, amount, List.of()),
                        TrafficRecord.APPLIED, false));
                if (type.equals("PAYMENT_CAPTURED")) {
                    captured = total;
                    if (breaker == 6) {
                        steps.add(new Step(spec("ORDER_REFUNDED", orderId, null, currency, captured + 1, List.of()),
                                OrderReasons.REFUND_EXCEEDS_CAPTURE, false));
                    }
                }
            }
            String last = path.isEmpty() ? "ORDER_PLACED" : path.get(path.size() - 1);
            if (breaker == 7 && (last.equals("ORDER_CANCELLED") || last.equals("ORDER_REFUNDED"))) {
                // Nothing moves a cancelled or refunded order.
                steps.add(new Step(spec(last.equals("ORDER_CANCELLED") ? "PAYMENT_CAPTURED" : "ORDER_SHIPPED",
                        orderId, null, last.equals("ORDER_CANCELLED") ? currency : null,
                        last.equals("ORDER_CANCELLED") ? Long.valueOf(total) : null, List.of()),
                        OrderReasons.INVALID_TRANSITION, false));
            }
            // Resends of applied events in other bytes: the same event id is the same event, whenever it comes.
            for (Step step : List.copyOf(steps)) {
                if (step.expected().equals(TrafficRecord.APPLIED) && random.nextInt(5) == 0) {
                    int from = steps.indexOf(step) + 1;
                    steps.add(from + random.nextInt(steps.size() - from + 1),
                            new Step(step.spec(), TrafficRecord.DUPLICATE, true));
                }
            }
            emit(orderId, steps);
        }

        /** The steps in order, at times rising from somewhere in the span's first half, never past its end. */
        private void emit(String orderId, List<Step> steps) {
            long span = run.shape.span().toMillis();
            long stepMax = Math.max(2, span / 30);
            Instant at = run.shape.start().plusMillis((long) (random.nextDouble() * span / 2));
            Map<String, Instant> occurred = new HashMap<>();
            int order = -1; // ties at the span's end keep the steps' order (the sort is stable)
            for (Step step : steps) {
                at = at.plusMillis(1 + (long) (random.nextDouble() * stepMax));
                if (at.isAfter(latest)) {
                    at = latest;
                }
                // A resend is the same event: it happened when the first copy says.
                Spec spec = step.spec().at(occurred.getOrDefault(step.spec().eventId(), at));
                occurred.putIfAbsent(spec.eventId(), spec.occurredAt());
                ObjectNode json = render(spec);
                if (step.resent()) {
                    json.put("producerAttempt", 2);
                }
                TrafficRecord record = new TrafficRecord(orderId, json.toString().getBytes(StandardCharsets.UTF_8),
                        step.expected(), effect(orderId, spec.eventId()), spec.stated());
                run.out.add(new Run.Timed(at, order, record));
                if (step.expected().equals(TrafficRecord.APPLIED) && draws.duplicate()) {
                    run.out.add(new Run.Timed(at, order, record.duplicate()));
                }
            }
        }

        private Spec spec(String type, String orderId, String customerId, String currency, Long amount,
                          List<Line> lines) {
            String eventId = pick("evt-e-", "evt-e-", "\u00e9v\u00e9nement-") + run.tag + eventSeq++;
            return new Spec(type, eventId, orderId, customerId, currency, amount, lines, null);
        }

        private ObjectNode render(Spec spec) {
            ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", spec.eventId())
                    .put("type", spec.type()).put("orderId", spec.orderId());
            if (spec.customerId() != null) {
                json.put("customerId", spec.customerId());
            }
            json.put("occurredAt", time(spec.occurredAt()));
            if (spec.currency() != null) {
                json.put("currency", spec.currency());
            }
            int scale = spec.currency() == null ? 0 : Currency.getInstance(spec.currency()).getDefaultFractionDigits();
            if (spec.type().equals("ORDER_PLACED")) {
                ArrayNode items = json.putArray("items");
                for (Line line : spec.lines()) {
                    ObjectNode item = items.addObject().put("sku", line.sku()).put("quantity", line.quantity());
                    money(item, "unitPrice", line.unitMinor(), scale);
                }
                money(json, "total", spec.amountMinor(), scale);
            } else if (spec.amountMinor() != null) {
                money(json, "amount", spec.amountMinor(), scale);
            }
            if (random.nextInt(6) == 0) {
                json.put("producerVersion", "3.1." + random.nextInt(9)); // unknown fields are ignored
            }
            return json;
        }

        /** Money as text, as text with a trailing zero, or as a JSON number (its text as written). */
        private void money(ObjectNode json, String field, long minor, int scale) {
            BigDecimal value = BigDecimal.valueOf(minor, scale);
            switch (random.nextInt(4)) {
                case 0 -> json.put(field, value.setScale(scale + 1).toPlainString());
                case 1 -> json.putRawValue(field, new RawValue(value.toPlainString()));
                case 2 -> json.putRawValue(field, new RawValue(value.setScale(scale + 1).toPlainString()));
                default -> json.put(field, value.toPlainString());
            }
        }

        /** The instant at an offset, sometimes with digits below the millisecond (the function keeps milliseconds). */
        private String time(Instant instant) {
            Instant written = random.nextInt(4) == 0 ? instant.plusNanos(random.nextInt(1_000_000)) : instant;
            return OffsetDateTime.ofInstant(written, pick(OFFSETS)).toString();
        }

        @Override
        protected void poison() {
            int n = poisonSeq++;
            String orderId = "ord-x-" + run.tag + n;
            Spec spec = new Spec("ORDER_PLACED", "evt-x-" + run.tag + n, orderId, "cust-x-" + run.tag + n, "EUR",
                    2500L, List.of(new Line("BOOK-0042", 2, 1250)), run.shape.start().plusMillis(
                    (long) (random.nextDouble() * run.shape.span().toMillis())));
            ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", spec.eventId())
                    .put("type", "ORDER_PLACED").put("orderId", orderId).put("customerId", spec.customerId())
                    .put("occurredAt", spec.occurredAt().toString()).put("currency", "EUR");
            ObjectNode item = json.putArray("items").addObject().put("sku", "BOOK-0042").put("quantity", 2)
                    .put("unitPrice", "12.50");
            json.put("total", "25.00");
            // Every kind in turn: the shared decoder's, then the contract's, then the key rule's.
            List<EventPoison> kinds = List.of(
                    EventPoison.empty(),
                    EventPoison.notUtf8(),
                    EventPoison.truncated(),
                    EventPoison.rewritten(ReasonCodes.MALFORMED_JSON, text -> text.replace("\"type\":",
                            "\"orderId\":\"" + orderId + "\",\"type\":")), // a field name twice
                    EventPoison.unpairedSurrogate("BOOK-0042", "BOOK-", ""),
                    EventPoison.schemaVersionAsText(),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION, event -> item.put("quantity", "2")),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION, event -> event.put("eventId", "evt-"
                            + "x".repeat(300))),
                    EventPoison.without("customerId"),
                    EventPoison.futureSchemaVersion(),
                    EventPoison.edited(ReasonCodes.UNKNOWN_EVENT_TYPE, event -> event.put("type", "order_placed")),
                    EventPoison.edited(OrderReasons.INVALID_OCCURRED_AT,
                            event -> event.put("occurredAt", "2025-06-01T10:00:00")),
                    EventPoison.edited(OrderReasons.INVALID_OCCURRED_AT,
                            event -> event.put("occurredAt", "1969-12-31T23:59:59Z")),
                    EventPoison.edited(OrderReasons.INVALID_CURRENCY, event -> event.put("currency", "XXX")),
                    EventPoison.edited(OrderReasons.INVALID_AMOUNT, event -> event.put("total", "2.5E+1")),
                    EventPoison.edited(OrderReasons.INVALID_AMOUNT, event -> item.put("unitPrice", "12,50")),
                    EventPoison.edited(OrderReasons.NEGATIVE_AMOUNT, event -> item.put("unitPrice", "-12.50")),
                    EventPoison.edited(OrderReasons.TOO_MANY_DECIMALS, event -> event.put("total", "25.005")),
                    EventPoison.edited(OrderReasons.AMOUNT_OUT_OF_RANGE,
                            event -> event.put("total", "99999999999999999999.00")),
                    new EventPoison(OrderReasons.INVALID_QUANTITY, (event, draw) -> {
                        item.putRawValue("quantity", new RawValue(draw.nextBoolean() ? "2.0" : "0"));
                        return event.toString().getBytes(StandardCharsets.UTF_8);
                    }),
                    EventPoison.edited(OrderReasons.NO_ITEMS, event -> event.putArray("items")),
                    EventPoison.edited(OrderReasons.TOTAL_MISMATCH, event -> event.put("total", "26.00")),
                    EventPoison.underAnotherKey());
            EventPoison kind = kinds.get(n % kinds.size());
            byte[] data = kind.bytes(json, random);
            String key = kind.misrouted() ? "ord-y-" + run.tag + n : orderId; // a valid placement under another key
            run.out.add(new Run.Timed(spec.occurredAt(), -1, new TrafficRecord(key, data, kind.reasonCode(),
                    RecordEffect.none(), kind.misrouted() ? spec.stated() : Map.of())));
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }
    }

    private static RecordEffect effect(String orderId, String eventId) {
        return RecordEffect.inStringSet(Map.of("orderId", AttributeValue.fromS(orderId)), "appliedEventIds", eventId);
    }

    static String money(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
