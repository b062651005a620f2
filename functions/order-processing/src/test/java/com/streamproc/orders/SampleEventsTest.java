package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readable sample sources in events/order-processing do what their names say. */
class SampleEventsTest {
    private static final Path SAMPLES = Path.of("..", "..", "events", "order-processing");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    private static RecordStream load(String name) throws IOException {
        RecordStream stream = new RecordStream();
        List<String> lines = Files.readAllLines(SAMPLES.resolve(name));
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            String data = entry.has("rawData") ? entry.get("rawData").asText() : entry.get("data").toString();
            stream.add(entry.get("partitionKey").asText(), data);
        }
        return stream;
    }

    @Test
    void cleanLifecycleDeliversEveryOrder() throws IOException {
        StreamsEventResponse response = harness.deliver(load("clean-lifecycle.jsonl").all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.store.all()).hasSize(3)
                .allSatisfy((id, order) -> assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED));
    }

    @Test
    void refundsAndCancellationsEndRefundedOrCancelled() throws IOException {
        StreamsEventResponse response = harness.deliver(load("refunds-and-cancellations.jsonl").all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("ord-4001").status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.existingOrder("ord-4001").refund().minor()).isEqualTo(3000);
        assertThat(harness.existingOrder("ord-5001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").capture().minor()).isEqualTo(15125);
    }

    @Test
    void duplicatesApplyOnceEach() throws IOException {
        StreamsEventResponse response = harness.deliver(load("duplicates.jsonl").all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("ord-7001").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.existingOrder("ord-7001").capture().at()).isEqualTo("2026-11-27T15:01:00Z");
        assertThat(harness.existingOrder("ord-8001").status()).isEqualTo(OrderStatus.PLACED);
        assertThat(harness.store.saveAttempts()).isEqualTo(2);
    }

    @Test
    void poisonIsQuarantinedRecordByRecordWithItsReason() throws IOException {
        StreamsEventResponse response = harness.deliver(load("poison.jsonl").all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        Map<String, String> expected = new LinkedHashMap<>();
        String[] reasons = {null, "MALFORMED_JSON", "UNKNOWN_EVENT_TYPE", "INVALID_TRANSITION", "AMOUNT_MISMATCH",
            "CURRENCY_MISMATCH", "TOTAL_MISMATCH", "ORDER_UNKNOWN", "UNSUPPORTED_SCHEMA_VERSION", "INVALID_CURRENCY",
            "TOO_MANY_DECIMALS", "INVALID_QUANTITY", null, "REFUND_EXCEEDS_CAPTURE", "INVALID_OCCURRED_AT"};
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] != null) {
                expected.put(RecordStream.sequenceOf(i), reasons[i]);
            }
        }
        assertThat(harness.quarantined()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(harness.store.all()).containsOnlyKeys("ord-9001");
        assertThat(harness.existingOrder("ord-9001").status()).isEqualTo(OrderStatus.PAID);
    }
}
