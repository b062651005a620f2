package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.placed;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the contract accepts beyond the plainest form: the edges of valid input. */
class OrderContractTest {
    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    @Test
    void moneyAndQuantitiesWrittenAsJsonNumbersAreAccepted() {
        RecordStream stream = new RecordStream();
        stream.add("o1", "{\"schemaVersion\":1,\"eventId\":\"e1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o1\","
                + "\"customerId\":\"c1\",\"occurredAt\":\"2026-11-27T10:00:00Z\",\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"a\",\"quantity\":3,\"unitPrice\":2.10}],\"total\":6.30}");
        stream.add(captured("e2", "o1", "EUR", "0").withNumber("amount", "6.3"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        Order order = harness.existingOrder("o1");
        assertThat(order.totalMinor()).isEqualTo(630);
        assertThat(order.capture().minor()).isEqualTo(630);
    }

    @Test
    void trailingZerosBeyondTheMinorUnitAreExactAndAccepted() {
        RecordStream stream = new RecordStream();
        stream.add(OrderJson.event("ORDER_PLACED", "e1", "o1").with("customerId", "c1").with("currency", "JPY")
                .item("a", 2, "750.00").with("total", "1500.0"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1").totalMinor()).isEqualTo(1500);
    }

    @Test
    void unknownFieldsAreIgnored() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "1.00").with("channel", "web").with("amount", "ignored here"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("o1").totalMinor()).isEqualTo(100);
    }

    @Test
    void occurredAtIsKeptInUtcToTheMillisecond() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "1.00").at("2026-11-27T00:30:00.123456+05:30"));

        harness.deliver(stream.all());

        assertThat(harness.existingOrder("o1").placedAt()).isEqualTo(Instant.parse("2026-11-26T19:00:00.123Z"));
    }

    @Test
    void zeroTotalOrderOfFreeItemsIsAccepted() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "0.00"));
        stream.add(captured("e2", "o1", "EUR", "0"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1").capture().minor()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1970-01-01T01:00:00+01:00", "9999-12-31T23:59:59.999Z"})
    void occurredAtAtTheEdgesOfTheYears1970To9999IsAccepted(String occurredAt) {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "1.00").at(occurredAt));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("o1").placedAt()).isEqualTo(OffsetDateTime.parse(occurredAt).toInstant());
    }

    @Test
    void idsWithEscapedSurrogatePairsAreOneCharacterEach() {
        RecordStream stream = new RecordStream();
        stream.add("o\uD83D\uDE00", placed("e1", "o1", "c1", "EUR", "1.00").json()
                .replace("\"orderId\":\"o1\"", "\"orderId\":\"o\\ud83d\\ude00\""));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).isEmpty();
        assertThat(harness.existingOrder("o\uD83D\uDE00").customerId()).isEqualTo("c1");
    }

    @Test
    void orderIdsThatDifferOnlyInUnpairedSurrogatesNeverReachTheStore() {
        // UTF-8 has no form for a lone surrogate: stored, both ids would become "o?" and meet in one item.
        RecordStream stream = new RecordStream();
        stream.add("o1", placed("e1", "o1", "c1", "EUR", "1.00").json()
                .replace("\"orderId\":\"o1\"", "\"orderId\":\"o\\ud800\""));
        stream.add("o2", placed("e2", "o2", "c2", "EUR", "2.00").json()
                .replace("\"orderId\":\"o2\"", "\"orderId\":\"o\\udbff\""));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(
                Map.entry(RecordStream.sequenceOf(0), "INVALID_UNICODE"),
                Map.entry(RecordStream.sequenceOf(1), "INVALID_UNICODE"));
        assertThat(harness.store.all()).isEmpty();
    }

    @Test
    void moneyWrittenAsAJsonIntegerIsAccepted() {
        RecordStream stream = new RecordStream();
        stream.add("o1", placed("e1", "o1", "c1", "JPY", "1500").json()
                .replace("\"1500\"", "1500"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1").totalMinor()).isEqualTo(1500);
    }
}
