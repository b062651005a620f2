package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.event;
import static com.streamproc.orders.testing.OrderJson.placed;
import static com.streamproc.orders.testing.OrderJson.refunded;
import static com.streamproc.orders.testing.OrderJson.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every poison reason: the record is quarantined with its code, reported to nobody, and blocks nothing. */
class OrderPoisonTest {
    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    static Stream<Arguments> recordsPoisonOnTheirOwn() {
        return Stream.of(
                Arguments.of("not JSON", "{\"schemaVersion\":1,", "MALFORMED_JSON"),
                Arguments.of("a JSON array", "[1,2]", "SCHEMA_VIOLATION"),
                Arguments.of("JSON null", "null", "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion 2", placed("e", "o", "c", "EUR", "1.00").withNumber("schemaVersion", "2").json(),
                        "UNSUPPORTED_SCHEMA_VERSION"),
                Arguments.of("schemaVersion 1.5", placed("e", "o", "c", "EUR", "1.00").withNumber("schemaVersion", "1.5").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion 1.0", placed("e", "o", "c", "EUR", "1.00").withNumber("schemaVersion", "1.0").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion \"1\"", placed("e", "o", "c", "EUR", "1.00").with("schemaVersion", "1").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion \"2\"", placed("e", "o", "c", "EUR", "1.00").with("schemaVersion", "2").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion true", placed("e", "o", "c", "EUR", "1.00").json()
                        .replace("\"schemaVersion\":1", "\"schemaVersion\":true"), "SCHEMA_VIOLATION"),
                Arguments.of("schemaVersion beyond any int", placed("e", "o", "c", "EUR", "1.00")
                        .withNumber("schemaVersion", "99999999999999999999").json(), "UNSUPPORTED_SCHEMA_VERSION"),
                Arguments.of("schemaVersion 2 without the fields of version 1",
                        "{\"schemaVersion\":2,\"type\":\"ORDER_PLACED\",\"order\":{}}", "UNSUPPORTED_SCHEMA_VERSION"),
                Arguments.of("schemaVersion missing", placed("e", "o", "c", "EUR", "1.00").without("schemaVersion").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("unknown type", event("ORDER_LOST", "e", "o").json(), "UNKNOWN_EVENT_TYPE"),
                Arguments.of("type in lower case", event("order_shipped", "e", "o").json(), "UNKNOWN_EVENT_TYPE"),
                Arguments.of("type a number", shipped("e", "o").withNumber("type", "3").json(), "SCHEMA_VIOLATION"),
                Arguments.of("eventId a number", shipped("e", "o").withNumber("eventId", "1001").json(), "SCHEMA_VIOLATION"),
                Arguments.of("orderId a number", shipped("e", "o").withNumber("orderId", "1001").json(), "SCHEMA_VIOLATION"),
                Arguments.of("customerId a boolean", placed("e", "o", "c", "EUR", "1.00").json()
                        .replace("\"customerId\":\"c\"", "\"customerId\":true"), "SCHEMA_VIOLATION"),
                Arguments.of("occurredAt a number", shipped("e", "o").withNumber("occurredAt", "1764237600").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("currency a number", placed("e", "o", "c", "EUR", "1.00").withNumber("currency", "978").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("a field given twice", shipped("e", "o").json().replace("{", "{\"orderId\":\"x\","),
                        "MALFORMED_JSON"),
                Arguments.of("orderId with an unpaired surrogate", shipped("e", "o").json()
                        .replace("\"orderId\":\"o\"", "\"orderId\":\"o\\ud800\""), "INVALID_UNICODE"),
                Arguments.of("eventId with a lone low surrogate", shipped("e", "o").json()
                        .replace("\"eventId\":\"e\"", "\"eventId\":\"e\\udc00\""), "INVALID_UNICODE"),
                Arguments.of("unknown field name with an unpaired surrogate", shipped("e", "o").json()
                        .replace("{", "{\"note\\udbff\":1,"), "INVALID_UNICODE"),
                Arguments.of("type missing", shipped("e", "o").without("type").json(), "SCHEMA_VIOLATION"),
                Arguments.of("eventId missing", shipped("e", "o").without("eventId").json(), "SCHEMA_VIOLATION"),
                Arguments.of("eventId blank", shipped(" ", "o").json(), "SCHEMA_VIOLATION"),
                Arguments.of("orderId missing", shipped("e", "o").without("orderId").json(), "SCHEMA_VIOLATION"),
                Arguments.of("orderId too long", shipped("e", "o".repeat(257)).json(), "SCHEMA_VIOLATION"),
                Arguments.of("occurredAt missing", shipped("e", "o").without("occurredAt").json(), "SCHEMA_VIOLATION"),
                Arguments.of("occurredAt without offset", shipped("e", "o").at("2026-11-27T10:00:00").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt not a time", shipped("e", "o").at("yesterday").json(), "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt before 1970", shipped("e", "o").at("1969-12-31T23:59:59Z").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt before 1970 in UTC only", shipped("e", "o").at("1970-01-01T00:30:00+01:00").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt in year 10000", shipped("e", "o").at("+10000-01-01T00:00:00Z").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt after 9999 in UTC only", shipped("e", "o").at("9999-12-31T23:30:00-01:00").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt at the smallest ISO year", shipped("e", "o").at("-999999999-01-01T00:00:00+01:00").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("occurredAt at the largest ISO year, west of UTC", shipped("e", "o").at("+999999999-12-31T23:59:59-18:00").json(),
                        "INVALID_OCCURRED_AT"),
                Arguments.of("customerId missing on ORDER_PLACED", placed("e", "o", "c", "EUR", "1.00").without("customerId").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("currency missing on ORDER_PLACED", placed("e", "o", "c", "EUR", "1.00").without("currency").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("currency not ISO 4217", placed("e", "o", "c", "EURO", "1.00").json(), "INVALID_CURRENCY"),
                Arguments.of("currency unknown", placed("e", "o", "c", "ABC", "1.00").json(), "INVALID_CURRENCY"),
                Arguments.of("currency in lower case", placed("e", "o", "c", "eur", "1.00").json(), "INVALID_CURRENCY"),
                Arguments.of("currency without minor unit", placed("e", "o", "c", "XXX", "1").json(), "INVALID_CURRENCY"),
                Arguments.of("currency on ORDER_SHIPPED not ISO 4217", shipped("e", "o").with("currency", "EU").json(),
                        "INVALID_CURRENCY"),
                Arguments.of("items missing", placed("e", "o", "c", "EUR", "1.00").without("items").json(), "SCHEMA_VIOLATION"),
                Arguments.of("items not a list", placed("e", "o", "c", "EUR", "1.00").with("items", "many").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("items empty", placed("e", "o", "c", "EUR", "0.00").noItems().json(), "NO_ITEMS"),
                Arguments.of("item without sku", itemPlaced("EUR", null, "1", "1.00", "1.00"), "SCHEMA_VIOLATION"),
                Arguments.of("sku a number", itemPlaced("EUR", "s", "1", "1.00", "1.00").replace("\"sku\":\"s\"", "\"sku\":42"),
                        "SCHEMA_VIOLATION"),
                Arguments.of("quantity 0", itemPlaced("EUR", "s", "0", "1.00", "0.00"), "INVALID_QUANTITY"),
                Arguments.of("quantity negative", itemPlaced("EUR", "s", "-1", "1.00", "1.00"), "INVALID_QUANTITY"),
                Arguments.of("quantity fractional", itemPlaced("EUR", "s", "1.5", "1.00", "1.50"), "INVALID_QUANTITY"),
                Arguments.of("quantity 2.0: a whole value written as a decimal", itemPlaced("EUR", "s", "2.0", "1.00", "2.00"),
                        "INVALID_QUANTITY"),
                Arguments.of("quantity in exponent form", itemPlaced("EUR", "s", "2E0", "1.00", "2.00"), "INVALID_QUANTITY"),
                Arguments.of("quantity a string of digits", itemPlaced("EUR", "s", "\"2\"", "1.00", "2.00"), "SCHEMA_VIOLATION"),
                Arguments.of("quantity not a number", itemPlaced("EUR", "s", "\"two\"", "1.00", "2.00"), "SCHEMA_VIOLATION"),
                Arguments.of("quantity a boolean", itemPlaced("EUR", "s", "true", "1.00", "1.00"), "SCHEMA_VIOLATION"),
                Arguments.of("quantity null", itemPlaced("EUR", "s", "null", "1.00", "1.00"), "SCHEMA_VIOLATION"),
                Arguments.of("quantity too large", itemPlaced("EUR", "s", "1000001", "0.00", "0.00"), "INVALID_QUANTITY"),
                Arguments.of("quantity beyond 64 bits", itemPlaced("EUR", "s", "99999999999999999999", "0.00", "0.00"),
                        "INVALID_QUANTITY"),
                Arguments.of("total missing", placed("e", "o", "c", "EUR", "1.00").without("total").json(), "SCHEMA_VIOLATION"),
                Arguments.of("total not a number", placed("e", "o", "c", "EUR", "1.00").with("total", "1,00").json(),
                        "INVALID_AMOUNT"),
                Arguments.of("total in exponent form", placed("e", "o", "c", "EUR", "1.00").with("total", "1E+0").json(),
                        "INVALID_AMOUNT"),
                Arguments.of("total a JSON number in exponent form", placed("e", "o", "c", "EUR", "1.00").json()
                        .replace("\"total\":\"1.00\"", "\"total\":1E+0"), "INVALID_AMOUNT"),
                Arguments.of("total a boolean", placed("e", "o", "c", "EUR", "1.00").json()
                        .replace("\"total\":\"1.00\"", "\"total\":true"), "SCHEMA_VIOLATION"),
                Arguments.of("total negative", itemPlaced("EUR", "s", "1", "1.00", "-1.00"), "NEGATIVE_AMOUNT"),
                Arguments.of("unitPrice negative", itemPlaced("EUR", "s", "1", "-1.00", "1.00"), "NEGATIVE_AMOUNT"),
                Arguments.of("unitPrice with 3 decimals in EUR", itemPlaced("EUR", "s", "2", "1.005", "2.01"),
                        "TOO_MANY_DECIMALS"),
                Arguments.of("total with decimals in JPY", itemPlaced("JPY", "s", "1", "100", "100.5"), "TOO_MANY_DECIMALS"),
                Arguments.of("unitPrice with 4 decimals in BHD", itemPlaced("BHD", "s", "1", "1.0001", "1.0001"),
                        "TOO_MANY_DECIMALS"),
                Arguments.of("total beyond 64-bit minor units", itemPlaced("EUR", "s", "1", "1.00", "99999999999999999999"),
                        "AMOUNT_OUT_OF_RANGE"),
                Arguments.of("line total beyond 64-bit minor units",
                        itemPlaced("EUR", "s", "1000000", "99999999999999.99", "1.00"), "AMOUNT_OUT_OF_RANGE"),
                Arguments.of("total not the sum of the lines", OrderJson.event("ORDER_PLACED", "e", "o")
                        .with("customerId", "c").with("currency", "EUR").item("a", 2, "5.25").item("b", 1, "0.50")
                        .with("total", "11.01").json(), "TOTAL_MISMATCH"),
                Arguments.of("amount missing on PAYMENT_CAPTURED", captured("e", "o", "EUR", "1.00").without("amount").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("currency missing on PAYMENT_CAPTURED", captured("e", "o", "EUR", "1.00").without("currency").json(),
                        "SCHEMA_VIOLATION"),
                Arguments.of("amount negative on ORDER_REFUNDED", refunded("e", "o", "EUR", "-0.01").json(), "NEGATIVE_AMOUNT"),
                Arguments.of("amount with too many decimals on PAYMENT_CAPTURED", captured("e", "o", "USD", "0.001").json(),
                        "TOO_MANY_DECIMALS"),
                Arguments.of("amount an object", captured("e", "o", "EUR", "1").json().replace("\"amount\":\"1\"",
                        "\"amount\":{\"value\":1}"), "SCHEMA_VIOLATION"),
                Arguments.of("amount a boolean", captured("e", "o", "EUR", "1").json().replace("\"amount\":\"1\"",
                        "\"amount\":false"), "SCHEMA_VIOLATION"),
                Arguments.of("event for an order never placed", shipped("e", "o").json(), "ORDER_UNKNOWN"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("recordsPoisonOnTheirOwn")
    void poisonRecordIsQuarantinedWithItsReasonAndNotReported(String description, String data, String reason) {
        KinesisEvent batch = KinesisEventFixture.batch().record("o", data).build();

        StreamsEventResponse response = harness.deliver(batch);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(0), reason));
        assertThat(harness.store.all()).isEmpty();
        assertThat(harness.store.saveAttempts()).isZero();
    }

    @Test
    void emptyAndNonUtf8RecordsAreQuarantined() {
        KinesisEvent batch = KinesisEventFixture.batch()
                .recordBytes("o", new byte[0])
                .recordBytes("o", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})
                .build();

        StreamsEventResponse response = harness.deliver(batch);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(
                Map.entry(RecordStream.sequenceOf(0), "EMPTY_RECORD"),
                Map.entry(RecordStream.sequenceOf(1), "INVALID_UTF8"));
    }

    static Stream<Arguments> eventsPoisonForTheOrderTheyMeet() {
        return Stream.of(
                Arguments.of("captured amount below the total", captured("e2", "o1", "EUR", "9.99"), "AMOUNT_MISMATCH"),
                Arguments.of("captured amount above the total", captured("e2", "o1", "EUR", "10.01"), "AMOUNT_MISMATCH"),
                Arguments.of("capture in another currency", captured("e2", "o1", "USD", "10.00"), "CURRENCY_MISMATCH"),
                Arguments.of("cancellation naming another currency", OrderJson.cancelled("e2", "o1").with("currency", "USD"),
                        "CURRENCY_MISMATCH"),
                Arguments.of("cancellation naming another customer",
                        OrderJson.cancelled("e2", "o1").with("customerId", "someone-else"), "CUSTOMER_MISMATCH"),
                Arguments.of("second ORDER_PLACED with a new event id", placed("e2", "o1", "c1", "EUR", "10.00"),
                        "INVALID_TRANSITION"),
                Arguments.of("shipment before payment", shipped("e2", "o1"), "INVALID_TRANSITION"),
                Arguments.of("refund before payment", refunded("e2", "o1", "EUR", "1.00"), "INVALID_TRANSITION"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("eventsPoisonForTheOrderTheyMeet")
    void eventBreakingARuleOfThePlacedOrderIsQuarantinedAndChangesNothing(String description, OrderJson event,
                                                                          String reason) {
        harness.deliver(KinesisEventFixture.batch().record("o1", placed("e1", "o1", "c1", "EUR", "10.00").json()).build());
        var before = harness.existingOrder("o1");
        RecordStream later = new RecordStream();
        later.add("o1", "{}");
        later.add(event);

        StreamsEventResponse response = harness.deliver(later.batch(1, 2));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(1), reason));
        assertThat(harness.existingOrder("o1")).isEqualTo(before);
    }

    @Test
    void refundLargerThanTheCaptureIsQuarantined() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(captured("e2", "o1", "EUR", "10.00"));
        stream.add(refunded("e3", "o1", "EUR", "10.01"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(2), "REFUND_EXCEEDS_CAPTURE"));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.existingOrder("o1").refund()).isNull();
    }

    @Test
    void poisonDoesNotStopTheLaterEventsOfItsOrder() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));
        stream.add("o1", "not json");
        stream.add(captured("e3", "o1", "EUR", "10.00"));
        stream.add(shipped("e4", "o1"));

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(
                Map.entry(RecordStream.sequenceOf(1), "INVALID_TRANSITION"),
                Map.entry(RecordStream.sequenceOf(2), "MALFORMED_JSON"));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.store.saves()).isEqualTo(1);
    }

    @Test
    void unreachableQuarantineReportsTheEarliestPoisonRecord() {
        RecordStream stream = new RecordStream();
        stream.add(placed("e1", "o1", "c1", "EUR", "10.00"));
        stream.add(shipped("e2", "o1"));
        stream.add(captured("e3", "o1", "EUR", "10.00"));
        harness.quarantine.failing(true);

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(OrderProcessingHarness.reported(response)).containsExactly(RecordStream.sequenceOf(1));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PAID);

        // Lambda replays from the reported record: it is judged as before, though the order has moved on.
        harness.quarantine.failing(false);
        StreamsEventResponse replay = harness.deliver(stream.from(1));

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(harness.quarantined()).containsExactly(Map.entry(RecordStream.sequenceOf(1), "INVALID_TRANSITION"));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.store.saves()).isEqualTo(1);
    }

    /**
     * An ORDER_PLACED with one line whose fields are written as given (any of them may be wrong): {@code quantity}
     * as raw JSON ({@code 2}, {@code "2"}, {@code true}), the others as strings.
     */
    private static String itemPlaced(String currency, String sku, String quantity, String unitPrice, String total) {
        String skuJson = sku == null ? "" : "\"sku\":\"" + sku + "\",";
        return "{\"schemaVersion\":1,\"eventId\":\"e\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o\","
                + "\"customerId\":\"c\",\"occurredAt\":\"2026-11-27T10:00:00Z\",\"currency\":\"" + currency + "\","
                + "\"items\":[{" + skuJson + "\"quantity\":" + quantity + ",\"unitPrice\":\"" + unitPrice + "\"}],"
                + "\"total\":\"" + total + "\"}";
    }
}
