package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.JqwikEmulatorStack;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.query.OrderQueries;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.shared.testing.fuzz.FuzzBatch;
import com.streamproc.shared.testing.fuzz.FuzzBatch.Part;
import com.streamproc.shared.testing.fuzz.FuzzBatch.ValidGroup;
import com.streamproc.shared.testing.fuzz.FuzzRun;
import com.streamproc.shared.testing.fuzz.FuzzTries;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Order processing, wired as in production on dynalite with the tables of sam-template.yaml, fed batches that mix
 * valid orders with arbitrary records (random bytes and JSON, valid events broken in every way the fuzzer knows, and
 * records under wrong or random keys): no batch may report a failure, the handler must not throw, every record is
 * applied or quarantined with a reason, and every valid order is stored with all its events.
 *
 * <p>Tries: {@code @Property(tries)} in the normal build, {@code -Dfuzz.tries=N} (the {@code soak} profile) for more.
 */
@AddLifecycleHook(JqwikEmulatorStack.class)
@AddLifecycleHook(FuzzTries.class)
class OrderProcessingFuzzIT {
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY", "BHD", "GBP");
    private static FuzzRun run;
    private static OrderQueries queries;

    @BeforeContainer
    static void start() {
        EmulatorStack stack = JqwikEmulatorStack.stack();
        run = FuzzRun.start(new OrderProcessingDescriptor(), stack.createTemplateResources(), stack.region(),
                stack.dynamoDbEndpoint(), stack.dynamoDbClient());
        queries = new OrderQueries(run.checkClient(), run.table());
    }

    @AfterContainer
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Provide
    Arbitrary<List<Part>> batches() {
        return FuzzBatch.parts(12);
    }

    @Property(tries = 300)
    void everyRecordIsAppliedOrQuarantinedAndNoBatchReportsAFailure(@ForAll("batches") List<Part> parts) {
        run.handle(parts, new Orders(), OrderProcessingFuzzIT::assertStored);
    }

    /** Every event of a valid order is applied; with no arbitrary record of its own, it is exactly what they say. */
    private static void assertStored(ValidGroup group) {
        String orderId = group.events().get(0).get("orderId").asText();
        Order stored = queries.orderById(orderId).orElseThrow(() -> new AssertionError("order not stored: " + orderId));
        Set<String> eventIds = new LinkedHashSet<>();
        group.events().forEach(e -> eventIds.add(e.get("eventId").asText()));
        assertThat(stored.appliedEventIds()).as("applied events of %s", orderId).containsAll(eventIds);
        if (!group.sharedWithArbitrary()) {
            assertThat(stored.appliedEventIds()).as("applied events of %s", orderId).isEqualTo(eventIds);
            assertThat(stored.status()).as("status of %s", orderId)
                    .isEqualTo(STATUS_AFTER.get(group.events().get(group.events().size() - 1).get("type").asText()));
        }
    }

    private static final Map<String, OrderStatus> STATUS_AFTER = Map.of(
            "ORDER_PLACED", OrderStatus.PLACED, "PAYMENT_CAPTURED", OrderStatus.PAID,
            "ORDER_SHIPPED", OrderStatus.SHIPPED, "ORDER_DELIVERED", OrderStatus.DELIVERED,
            "ORDER_CANCELLED", OrderStatus.CANCELLED, "ORDER_REFUNDED", OrderStatus.REFUNDED);

    /** Orders along random legal paths, in any of the producers' currencies, offsets and money notations. */
    static final class Orders implements FuzzBatch.Family {
        @Override
        public List<ObjectNode> validEvents(Random random, String entityId) {
            String orderId = "ord-" + entityId + (random.nextInt(5) == 0 ? "-测试-\uD83D\uDE00" : "");
            String customerId = "cust-" + entityId + (random.nextInt(5) == 0 ? "-Zoë" : "");
            Currency currency = Currency.getInstance(CURRENCIES.get(random.nextInt(CURRENCIES.size())));
            int digits = currency.getDefaultFractionDigits();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(49) - 24) * 1800);
            Instant time = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(random.nextInt(5 * 24 * 3600));

            OrderJson placed = OrderJson.event("ORDER_PLACED", orderId + "-placed", orderId)
                    .with("customerId", customerId).with("currency", currency.getCurrencyCode());
            long total = 0;
            int lines = 1 + random.nextInt(3);
            for (int l = 0; l < lines; l++) {
                int quantity = 1 + random.nextInt(5);
                long unit = random.nextInt(100_000);
                total += quantity * unit;
                placed.item("sku-" + random.nextInt(100), quantity, decimal(unit, digits));
            }
            if (random.nextBoolean()) {
                // A JSON number written exactly as the plain decimal (a node factory might normalise it).
                placed.node().set("total", DecimalNode.valueOf(BigDecimal.valueOf(total, digits)));
            } else {
                placed.with("total", decimal(total, digits));
            }
            List<ObjectNode> events = new ArrayList<>();
            events.add(placed.at(wire(time, offset)).node());
            List<String> path = switch (random.nextInt(6)) {
                case 0 -> List.of();
                case 1 -> List.of("ORDER_CANCELLED");
                case 2 -> List.of("PAYMENT_CAPTURED");
                case 3 -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED");
                case 4 -> List.of("PAYMENT_CAPTURED", "ORDER_SHIPPED", "ORDER_DELIVERED");
                default -> List.of("PAYMENT_CAPTURED", "ORDER_REFUNDED");
            };
            int n = 0;
            for (String type : path) {
                time = time.plusSeconds(60 + random.nextInt(24 * 3600));
                String eventId = orderId + "-" + (++n);
                OrderJson event = switch (type) {
                    case "PAYMENT_CAPTURED" -> OrderJson.captured(eventId, orderId, currency.getCurrencyCode(),
                            decimal(total, digits));
                    case "ORDER_REFUNDED" -> OrderJson.refunded(eventId, orderId, currency.getCurrencyCode(),
                            decimal(total == 0 ? 0 : random.nextLong(total + 1), digits));
                    default -> OrderJson.event(type, eventId, orderId);
                };
                events.add(event.at(wire(time, offset)).node());
            }
            return events;
        }

        @Override
        public String partitionKey(ObjectNode event) {
            return event.path("orderId").asText();
        }

        @Override
        public Set<String> dateFields() {
            return Set.of("occurredAt");
        }

        private static String decimal(long minor, int digits) {
            return BigDecimal.valueOf(minor, digits).toPlainString();
        }

        private static String wire(Instant instant, ZoneOffset offset) {
            return OffsetDateTime.ofInstant(instant, offset).toString();
        }
    }
}
