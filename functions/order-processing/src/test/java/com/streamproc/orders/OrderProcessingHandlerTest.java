package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.cancelled;
import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.delivered;
import static com.streamproc.orders.testing.OrderJson.placed;
import static com.streamproc.orders.testing.OrderJson.refunded;
import static com.streamproc.orders.testing.OrderJson.shipped;
import static com.streamproc.orders.testing.OrderProcessingHarness.reported;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.MoneyMovement;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import com.streamproc.shared.batch.RecordRef;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderProcessingHandlerTest {
    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    /** Three orders, interleaved: o1 is delivered and refunded, o2 cancelled, o3 paid. */
    private static RecordStream threeOrders() {
        RecordStream stream = new RecordStream();
        stream.add(OrderJson.event("ORDER_PLACED", "o1-1", "o1").with("customerId", "c1").with("currency", "EUR")
                .item("sku-a", 2, "5.25").item("sku-b", 1, "0.50").with("total", "11.00")
                .at("2026-11-26T23:30:00.250-01:00"));
        stream.add(placed("o2-1", "o2", "c2", "JPY", "1500").at("2026-11-27T08:00:00Z"));
        stream.add(captured("o1-2", "o1", "EUR", "11.00").at("2026-11-27T09:00:00+01:00"));
        stream.add(placed("o3-1", "o3", "c1", "BHD", "1.234").at("2026-11-27T09:30:00Z"));
        stream.add(shipped("o1-3", "o1").at("2026-11-27T12:00:00Z"));
        stream.add(cancelled("o2-2", "o2").at("2026-11-27T12:30:00Z"));
        stream.add(captured("o3-2", "o3", "BHD", "1.234").at("2026-11-27T13:00:00Z"));
        stream.add(delivered("o1-4", "o1").at("2026-11-28T10:00:00Z"));
        stream.add(refunded("o1-5", "o1", "EUR", "4.50").at("2026-11-29T00:15:00+01:00"));
        return stream;
    }

    @Test
    void cleanLifecyclesEndInTheExpectedOrders() {
        StreamsEventResponse response = harness.deliver(threeOrders().all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("o1")).isEqualTo(new Order("o1", OrderStatus.REFUNDED, "c1",
                Currency.getInstance("EUR"), 1100, Instant.parse("2026-11-27T00:30:00.250Z"),
                Instant.parse("2026-11-28T23:15:00Z"), OrderProcessingHarness.NOW, "o1-5", OrderEventType.ORDER_REFUNDED,
                Set.of("o1-1", "o1-2", "o1-3", "o1-4", "o1-5"),
                new MoneyMovement(1100, Instant.parse("2026-11-27T08:00:00Z")),
                new MoneyMovement(450, Instant.parse("2026-11-28T23:15:00Z")), new TreeMap<>(), 1));
        Order o2 = harness.existingOrder("o2");
        assertThat(o2.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(o2.totalMinor()).isEqualTo(1500);
        assertThat(o2.capture()).isNull();
        Order o3 = harness.existingOrder("o3");
        assertThat(o3.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o3.capture().minor()).isEqualTo(1234);
    }

    @Test
    void eachOrderIsWrittenOnceForAWholeBatch() {
        StreamsEventResponse response = harness.deliver(threeOrders().all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.store.saveAttempts()).isEqualTo(3);
        assertThat(harness.store.loads()).isEqualTo(3);
    }

    @Test
    void ordersMoveOnAcrossBatchesWithOneWriteEach() {
        RecordStream stream = threeOrders();

        harness.deliver(stream.batch(0, 4));
        harness.deliver(stream.batch(4, 7));
        harness.deliver(stream.batch(7, 9));

        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.existingOrder("o1").version()).isEqualTo(3);
        assertThat(harness.existingOrder("o2").version()).isEqualTo(2);
        assertThat(harness.store.saveAttempts()).isEqualTo(3 + 3 + 1);
    }

    @Test
    void duplicateEventInTheSameBatchIsAppliedOnce() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00").at("2026-11-29T00:00:00Z"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        Order order = harness.existingOrder("o1");
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.capture().at()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(order.appliedEventIds()).containsExactly("e1", "e2");
        assertThat(harness.store.saveAttempts()).isEqualTo(1);
    }

    @Test
    void duplicateEventInALaterBatchChangesAndWritesNothing() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        harness.deliver(stream.batch(0, 2));
        Order before = harness.existingOrder("o1");
        harness.store.resetCounts();

        StreamsEventResponse response = harness.deliver(stream.batch(2, 4));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("o1")).isEqualTo(before);
        assertThat(harness.store.saveAttempts()).isZero();
    }

    @Test
    void replayedBatchChangesNothing() {
        RecordStream stream = withPoison(threeOrders());
        harness.deliver(stream.all());
        Map<String, Order> before = harness.store.all();
        Map<String, String> quarantinedBefore = harness.quarantined();
        harness.store.resetCounts();

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.store.all()).isEqualTo(before);
        assertThat(harness.quarantined()).isEqualTo(quarantinedBefore);
        assertThat(harness.store.saveAttempts()).isZero();
    }

    @Test
    void replayingTheSecondHalfThenTheWholeBatchChangesNothing() {
        RecordStream stream = withPoison(threeOrders());
        int half = stream.size() / 2;
        harness.deliver(stream.all());
        Map<String, Order> before = harness.store.all();
        Map<String, String> quarantinedBefore = harness.quarantined();
        harness.store.resetCounts();

        StreamsEventResponse secondHalf = harness.deliver(stream.batch(half, stream.size()));
        StreamsEventResponse whole = harness.deliver(stream.all());

        assertThat(secondHalf.getBatchItemFailures()).isEmpty();
        assertThat(whole.getBatchItemFailures()).isEmpty();
        assertThat(harness.store.all()).isEqualTo(before);
        assertThat(harness.quarantined()).isEqualTo(quarantinedBefore);
        assertThat(harness.store.saveAttempts()).isZero();
    }

    @Test
    void firstHalfThenTheWholeBatchEndsAsOneDeliveryOfTheWhole() {
        RecordStream stream = withPoison(threeOrders());
        OrderProcessingHarness once = new OrderProcessingHarness();
        once.deliver(stream.all());

        harness.deliver(stream.batch(0, stream.size() / 2));
        StreamsEventResponse whole = harness.deliver(stream.all());

        assertThat(whole.getBatchItemFailures()).isEmpty();
        assertThat(businessState(harness.store.all())).isEqualTo(businessState(once.store.all()));
        assertThat(harness.quarantined()).isEqualTo(once.quarantined());
    }

    @Test
    void secondHalfDeliveredFirstThenTheWholeEndsInTheStateOfOneDelivery() {
        // Out of stream order (not what Lambda does, but what a bisecting retry of halves could look like):
        // events of orders placed in the first half are unknown when the second half comes first.
        RecordStream stream = threeOrders();
        OrderProcessingHarness once = new OrderProcessingHarness();
        once.deliver(stream.all());

        StreamsEventResponse secondHalf = harness.deliver(stream.batch(stream.size() / 2, stream.size()));
        StreamsEventResponse whole = harness.deliver(stream.all());

        assertThat(secondHalf.getBatchItemFailures()).isEmpty();
        assertThat(whole.getBatchItemFailures()).isEmpty();
        assertThat(businessState(harness.store.all())).isEqualTo(businessState(once.store.all()));
    }

    @Test
    void throttledOrderReportsItsEarliestRecordWhileOtherOrdersAreApplied() {
        RecordStream stream = threeOrders();
        harness.store.throttleSaves("o2", Integer.MAX_VALUE);

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(reported(response)).containsExactly(RecordStream.sequenceOf(1));
        assertThat(harness.order("o2")).isEmpty();
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.existingOrder("o3").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.quarantined()).isEmpty();

        // Lambda replays from the reported record; then the whole batch comes again, say after a redeploy.
        harness.store.heal();
        harness.store.resetCounts();
        Map<String, Order> appliedBefore = harness.store.all();
        StreamsEventResponse replay = harness.deliver(stream.from(1));
        StreamsEventResponse wholeAgain = harness.deliver(stream.all());

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(wholeAgain.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o2").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("o2").version()).isEqualTo(1);
        assertThat(harness.existingOrder("o1")).isEqualTo(appliedBefore.get("o1"));
        assertThat(harness.existingOrder("o3")).isEqualTo(appliedBefore.get("o3"));
        assertThat(harness.store.saves()).isEqualTo(1);
    }

    @Test
    void briefThrottlingIsRetriedWithinTheInvocation() {
        harness.store.throttleSaves("o2", 2);

        StreamsEventResponse response = harness.deliver(threeOrders().all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o2").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.store.saveAttempts()).isEqualTo(3 + 2);
    }

    @Test
    void writeWhoseResponseWasLostIsNotAppliedTwice() {
        harness.store.loseNextSaveResponse("o1");

        StreamsEventResponse response = harness.deliver(threeOrders().all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order o1 = harness.existingOrder("o1");
        assertThat(o1.version()).isEqualTo(1);
        assertThat(o1.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.quarantined()).isEmpty();
    }

    @Test
    void concurrentWriterIsFoldedOverInsteadOfOverwritten() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(shipped("e3", "o1"));
        harness.deliver(stream.batch(0, 1));
        // An overlapping invocation applies the capture between this invocation's read and its write.
        OrderProcessingHarness other = new OrderProcessingHarness();
        other.deliver(stream.batch(0, 2));
        Order capturedElsewhere = other.existingOrder("o1").asWritten(OrderProcessingHarness.NOW, 2);
        harness.store.beforeNextSave("o1", () -> harness.store.put(capturedElsewhere));

        StreamsEventResponse response = harness.deliver(stream.batch(1, 3));

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order order = harness.existingOrder("o1");
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.version()).isEqualTo(3);
        assertThat(order.appliedEventIds()).containsExactly("e1", "e2", "e3");
        assertThat(harness.store.saveAttempts()).isEqualTo(1 + 2);
    }

    @Test
    void orderThatKeepsChangingUnderTheWriterIsLeftForTheReplay() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        harness.deliver(stream.batch(0, 1));
        Runnable[] bump = new Runnable[1];
        bump[0] = () -> {
            Order current = harness.existingOrder("o1");
            harness.store.put(current.asWritten(OrderProcessingHarness.NOW, current.version() + 1));
            harness.store.beforeNextSave("o1", bump[0]);
        };
        harness.store.beforeNextSave("o1", bump[0]);

        StreamsEventResponse response = harness.deliver(stream.batch(1, 2));

        assertThat(reported(response)).containsExactly(RecordStream.sequenceOf(1));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PLACED);
        assertThat(harness.store.saveAttempts()).isEqualTo(1 + com.streamproc.shared.batch.VersionedKeyApplier.MAX_ROUNDS);
    }

    @Test
    void ordersOnlyRejectedOrDuplicatedAreNotWritten() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(delivered("e3", "o1"));
        harness.deliver(stream.batch(0, 1));
        harness.store.resetCounts();

        StreamsEventResponse response = harness.deliver(stream.batch(1, 4));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsOnlyKeys(RecordStream.sequenceOf(1), RecordStream.sequenceOf(3));
        assertThat(harness.store.saveAttempts()).isZero();
    }

    @Test
    void rejectedRecordReplayedAfterLaterEventsMovedTheOrderIsRejectedAgain() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));
        stream.add(captured("e3", "o1", "EUR", "10.00"));
        harness.deliver(stream.all());
        Order before = harness.existingOrder("o1");
        assertThat(before.rejectedRecords()).containsExactly(Map.entry(
                RecordRef.padSequence(RecordStream.sequenceOf(1)), "INVALID_TRANSITION"));

        // In PAID the shipment would be legal; as a replay it is judged as it was the first time.
        StreamsEventResponse replay = harness.deliver(stream.from(1));

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1")).isEqualTo(before);
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(1), "INVALID_TRANSITION"));
    }

    @Test
    void sameEventSentAgainAsANewRecordIsJudgedAfresh() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));
        stream.add(captured("e3", "o1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsOnlyKeys(RecordStream.sequenceOf(1));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void eventForAnUnknownOrderStaysRejectedWhenReplayedAfterThePlacement() {
        RecordStream stream = new RecordStream();
        stream.add("x", "not json");
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        harness.deliver(stream.all());

        StreamsEventResponse replay = harness.deliver(stream.all());

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PLACED);
        assertThat(harness.quarantined()).containsExactly(
                Map.entry(RecordStream.sequenceOf(0), "MALFORMED_JSON"),
                Map.entry(RecordStream.sequenceOf(1), "ORDER_UNKNOWN"));
    }

    @Test
    void rejectionsRememberedPerOrderAreCapped() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        for (int i = 0; i < OrderFold.MAX_REMEMBERED_REJECTIONS + 10; i++) {
            stream.add(delivered("bad-" + i, "o1"));
        }
        int capture = stream.add(captured("e2", "o1", "EUR", "10.00"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        Order order = harness.existingOrder("o1");
        assertThat(order.rejectedRecords()).hasSize(OrderFold.MAX_REMEMBERED_REJECTIONS);
        assertThat(order.rejectedRecords().lastKey())
                .isEqualTo(RecordRef.padSequence(RecordStream.sequenceOf(capture - 1)));
    }

    @Test
    void ordersAreAppliedTheSameWithOneKeyAtATime() {
        OrderProcessingHarness sequential = new OrderProcessingHarness(1);
        RecordStream stream = withPoison(threeOrders());

        sequential.deliver(stream.all());
        harness.deliver(stream.all());

        assertThat(sequential.store.all()).isEqualTo(harness.store.all());
        assertThat(sequential.quarantined()).isEqualTo(harness.quarantined());
    }

    private static RecordStream withPoison(RecordStream stream) {
        stream.add("o1", "{\"broken\":");
        stream.add(shipped("late-1", "o2"));
        stream.add(captured("late-2", "nobody", "EUR", "1.00"));
        return stream;
    }

    /**
     * The orders without their write bookkeeping: how many writes it took ({@code version}) and which rejections
     * were remembered (only those followed by a write of their order in the same fold are).
     */
    private static Map<String, Order> businessState(Map<String, Order> orders) {
        Map<String, Order> copy = new HashMap<>();
        orders.forEach((id, order) -> copy.put(id,
                order.asWritten(order.updatedAt(), 0).withRejectedRecords(new TreeMap<>())));
        return copy;
    }
}
