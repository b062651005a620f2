package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.shared.testing.SampleEvents;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample batch in {@code events/order-processing} (the Lambda JSON that {@code sam local invoke -e} sends),
 * loaded with the Lambda runtime's serializer and run through the real handler, ends as the {@code expect} of each
 * line of its readable {@code .jsonl} source says.
 */
class SampleEventsTest {
    private static final SampleEvents SAMPLES = new SampleEvents("order-processing");

    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    static Stream<Named<Path>> sampleEvents() {
        return SAMPLES.events();
    }

    private void handle(String file) {
        StreamsEventResponse response = harness.deliver(SAMPLES.load(file));
        assertThat(response.getBatchItemFailures()).as("records reported for a retry").isEmpty();
    }

    @Test
    void everySampleEventHasItsReadableSourceAndEverySourceItsEvent() {
        SAMPLES.assertEveryEventHasItsSourceAndEverySourceItsEvent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everyRecordEndsAsItsSourceLineExpects(Path json) {
        SampleEvents.Loaded sample = SampleEvents.loadWithSource(json);

        StreamsEventResponse response = harness.deliver(sample.event());

        sample.assertOutcomes(response, harness.quarantine.reasonsBySequenceId());
    }

    @Test
    void cleanLifecycleDeliversEveryOrder() {
        handle("clean-lifecycle.json");

        assertThat(harness.store.all()).hasSize(3)
                .allSatisfy((id, order) -> assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED));
        assertThat(harness.existingOrder("ord-2001").capture().minor()).isEqualTo(3600);
    }

    @Test
    void refundsAndCancellationsEndRefundedOrCancelled() {
        handle("refunds-and-cancellations.json");

        assertThat(harness.existingOrder("ord-4001").status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.existingOrder("ord-4001").refund().minor()).isEqualTo(3000);
        assertThat(harness.existingOrder("ord-5001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").capture().minor()).isEqualTo(15125);
    }

    @Test
    void duplicatesApplyOnceEachWithOneWritePerOrder() {
        handle("duplicates.json");

        assertThat(harness.existingOrder("ord-7001").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.existingOrder("ord-7001").capture().at()).isEqualTo("2026-11-27T15:01:00Z");
        assertThat(harness.existingOrder("ord-8001").status()).isEqualTo(OrderStatus.PLACED);
        assertThat(harness.store.saveAttempts()).isEqualTo(2);
    }

    @Test
    void poisonLeavesOnlyTheValidOrderPaid() {
        handle("poison.json");

        assertThat(harness.store.all()).containsOnlyKeys("ord-9001");
        assertThat(harness.existingOrder("ord-9001").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.existingOrder("ord-9001").capture().minor()).isEqualTo(25000);
    }

    @Test
    void kplAggregatedRecordsApplyEachUserRecordOnceThoughTheAggregateCameTwice() {
        SampleEvents.Loaded sample = SampleEvents.loadWithSource(SAMPLES.directory().resolve("kpl-aggregated.json"));

        sample.assertOutcomes(harness.deliver(sample.event()), harness.quarantine.reasonsBySequenceId());

        assertThat(harness.store.all()).containsOnlyKeys("ord-k101", "ord-k201", "ord-k301")
                .allSatisfy((id, order) -> assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED));
        assertThat(harness.existingOrder("ord-k101").capture().minor()).isEqualTo(2000);
        assertThat(harness.existingOrder("ord-k201").capture().minor()).isEqualTo(1500);
        assertThat(harness.existingOrder("ord-k301").capture().minor()).isEqualTo(1350);
        assertThat(harness.quarantine.reasonsBySequenceId().values())
                .containsExactlyInAnyOrder("MALFORMED_JSON", "INVALID_AGGREGATE");
    }
}
