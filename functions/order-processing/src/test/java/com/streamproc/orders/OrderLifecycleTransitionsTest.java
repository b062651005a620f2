package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.cancelled;
import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.delivered;
import static com.streamproc.orders.testing.OrderJson.placed;
import static com.streamproc.orders.testing.OrderJson.refunded;
import static com.streamproc.orders.testing.OrderJson.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (status, event type) pair, delivered both in the batch that built the status and in a later batch:
 * legal ones move the order, illegal ones are quarantined as INVALID_TRANSITION and change nothing.
 */
class OrderLifecycleTransitionsTest {
    /** The lifecycle as the contract states it, written out independently of the code. */
    private static final Map<OrderStatus, Set<String>> LEGAL = Map.of(
            OrderStatus.PLACED, Set.of("PAYMENT_CAPTURED", "ORDER_CANCELLED"),
            OrderStatus.PAID, Set.of("ORDER_SHIPPED", "ORDER_CANCELLED", "ORDER_REFUNDED"),
            OrderStatus.SHIPPED, Set.of("ORDER_DELIVERED", "ORDER_REFUNDED"),
            OrderStatus.DELIVERED, Set.of("ORDER_REFUNDED"),
            OrderStatus.CANCELLED, Set.of(),
            OrderStatus.REFUNDED, Set.of());

    private static final Map<String, OrderStatus> RESULT = Map.of(
            "ORDER_PLACED", OrderStatus.PLACED, "PAYMENT_CAPTURED", OrderStatus.PAID,
            "ORDER_SHIPPED", OrderStatus.SHIPPED, "ORDER_DELIVERED", OrderStatus.DELIVERED,
            "ORDER_CANCELLED", OrderStatus.CANCELLED, "ORDER_REFUNDED", OrderStatus.REFUNDED);

    private static List<OrderJson> pathTo(OrderStatus status) {
        List<OrderJson> path = new ArrayList<>();
        path.add(placed("p1", "o1", "c1", "EUR", "20.00").at("2026-11-27T09:00:00Z"));
        switch (status) {
            case PLACED -> { }
            case CANCELLED -> path.add(cancelled("p2", "o1").at("2026-11-27T09:01:00Z"));
            default -> {
                path.add(captured("p2", "o1", "EUR", "20.00").at("2026-11-27T09:01:00Z"));
                if (status == OrderStatus.REFUNDED) {
                    path.add(refunded("p3", "o1", "EUR", "5.00").at("2026-11-27T09:02:00Z"));
                }
                if (status == OrderStatus.SHIPPED || status == OrderStatus.DELIVERED) {
                    path.add(shipped("p3", "o1").at("2026-11-27T09:02:00Z"));
                }
                if (status == OrderStatus.DELIVERED) {
                    path.add(delivered("p4", "o1").at("2026-11-27T09:03:00Z"));
                }
            }
        }
        return path;
    }

    private static OrderJson eventOfType(String type) {
        OrderJson event = switch (type) {
            case "ORDER_PLACED" -> placed("t1", "o1", "c1", "EUR", "20.00");
            case "PAYMENT_CAPTURED" -> captured("t1", "o1", "EUR", "20.00");
            case "ORDER_REFUNDED" -> refunded("t1", "o1", "EUR", "5.00");
            default -> OrderJson.event(type, "t1", "o1");
        };
        return event.at("2026-11-28T12:00:00+02:00");
    }

    static Stream<Arguments> everyStatusAndEventType() {
        List<Arguments> cases = new ArrayList<>();
        for (OrderStatus status : OrderStatus.values()) {
            for (String type : RESULT.keySet().stream().sorted().toList()) {
                for (boolean sameBatch : new boolean[] {true, false}) {
                    cases.add(Arguments.of(status, type, sameBatch));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} + {1} (same batch: {2})")
    @MethodSource("everyStatusAndEventType")
    void eventIsAppliedExactlyWhenTheLifecycleAllowsIt(OrderStatus from, String type, boolean sameBatch) {
        OrderProcessingHarness harness = new OrderProcessingHarness();
        RecordStream stream = new RecordStream();
        pathTo(from).forEach(stream::add);
        int tested = stream.add(eventOfType(type));
        Order atStatus = null;
        if (!sameBatch) {
            harness.deliver(stream.batch(0, tested));
            atStatus = harness.existingOrder("o1");
            assertThat(atStatus.status()).isEqualTo(from);
        }

        StreamsEventResponse response = harness.deliver(sameBatch ? stream.all() : stream.batch(tested, tested + 1));

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order order = harness.existingOrder("o1");
        if (LEGAL.get(from).contains(type)) {
            assertThat(order.status()).isEqualTo(RESULT.get(type));
            assertThat(order.lastEventId()).isEqualTo("t1");
            assertThat(order.statusAt()).isEqualTo("2026-11-28T10:00:00Z");
            assertThat(harness.quarantined()).isEmpty();
        } else {
            assertThat(order.status()).isEqualTo(from);
            assertThat(order.appliedEventIds()).doesNotContain("t1");
            assertThat(harness.quarantined()).containsExactly(
                    Map.entry(RecordStream.sequenceOf(tested), "INVALID_TRANSITION"));
            if (atStatus != null) {
                assertThat(order).isEqualTo(atStatus);
            }
        }
    }

    static Stream<String> typesOtherThanPlaced() {
        return RESULT.keySet().stream().filter(type -> !type.equals("ORDER_PLACED")).sorted();
    }

    @ParameterizedTest
    @MethodSource("typesOtherThanPlaced")
    void eventForAnOrderNeverPlacedIsOrderUnknown(String type) {
        OrderProcessingHarness harness = new OrderProcessingHarness();
        RecordStream stream = new RecordStream();
        stream.add(eventOfType(type));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(0), "ORDER_UNKNOWN"));
        assertThat(harness.store.all()).isEmpty();
    }
}
