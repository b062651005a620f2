package com.streamproc.e2e.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.traffic.CustomerTraffic;
import com.streamproc.activity.traffic.ActivityTraffic;
import com.streamproc.e2e.model.ActivityModel;
import com.streamproc.e2e.model.CustomerModel;
import com.streamproc.e2e.model.OrderModel;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.traffic.OrderTraffic;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.traffic.TrafficRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generators say what they mean: the same seed gives the same bytes, and each record decodes (with the functions'
 * own decoders, which need no state) to exactly what the generator's intent claims - the canonical values the
 * reference models start from - or is refused with the reason the generator labelled it with. State-dependent
 * outcomes (lifecycle rules, duplicates, merges) are the reference models' business, not checked here.
 */
class GeneratedInputTest {
    private static final long SEED = 20261127L;

    @Test
    void theSameSeedGivesTheSameRecords() {
        assertThat(new OrderModel().generate(SEED, 2)).usingElementComparator(SAME_BYTES)
                .containsExactlyElementsOf(new OrderModel().generate(SEED, 2));
        assertThat(new CustomerModel().generate(SEED, 2)).usingElementComparator(SAME_BYTES)
                .containsExactlyElementsOf(new CustomerModel().generate(SEED, 2));
        assertThat(new ActivityModel().generate(SEED, 2)).usingElementComparator(SAME_BYTES)
                .containsExactlyElementsOf(new ActivityModel().generate(SEED, 2));
    }

    @Test
    void orderRecordsDecodeToWhatTheGeneratorStatesOrAreRefusedWithTheirLabel() {
        OrderEventDecoder decoder = new OrderEventDecoder();
        for (long seed = SEED; seed < SEED + 3; seed++) {
            List<TrafficRecord> records = new OrderTraffic().traffic(OrderModel.shape(seed, 2)).records();
            assertThat(records).filteredOn(TrafficRecord::expectedPoison).extracting(TrafficRecord::expected)
                    .contains("MALFORMED_JSON", "SCHEMA_VIOLATION", "UNKNOWN_EVENT_TYPE", "TOTAL_MISMATCH",
                            "ORDER_UNKNOWN", "INVALID_TRANSITION");
            for (TrafficRecord record : records) {
                Produced<TrafficRecord> produced = new Produced<>(record.partitionKey(), record.data(), record);
                String refusal = refusal(decoder, produced);
                if (record.stated().isEmpty()) {
                    assertThat(refusal).as(record.text()).isEqualTo(record.expected());
                    continue;
                }
                // Decodes; the key rule, the lifecycle or the stored order decide the rest.
                assertThat(refusal).as(record.text()).isIn("ACCEPTED", "PARTITION_KEY_MISMATCH");
                assertThat(refusal.equals("PARTITION_KEY_MISMATCH")).as(record.text())
                        .isEqualTo(record.expected().equals("PARTITION_KEY_MISMATCH"));
                assertThat(OrderTraffic.statementOf(decode(decoder, record.data()))).as(record.text())
                        .isEqualTo(record.stated());
            }
        }
    }

    @Test
    void orderIntentsAreWhatTheGeneratorStates() {
        for (Produced<OrderIntent> record : new OrderModel().generate(SEED, 2)) {
            if (!(record.intent() instanceof OrderIntent.Valid valid)) {
                continue;
            }
            OrderIntent.Event intent = valid.event();
            OrderEvent decoded = decode(new OrderEventDecoder(), record.data());
            assertThat(decoded.type().name()).isEqualTo(intent.type().name());
            assertThat(decoded.eventId()).isEqualTo(intent.eventId());
            assertThat(decoded.orderId()).isEqualTo(intent.orderId()).isEqualTo(record.partitionKey());
            assertThat(decoded.header().customerId()).isEqualTo(intent.customerId());
            assertThat(decoded.header().currency() == null ? null : decoded.header().currency().getCurrencyCode())
                    .isEqualTo(intent.currency());
            assertThat(decoded.header().occurredAt()).isEqualTo(intent.occurredAt());
            assertThat(OrderTraffic.statementOf(decoded).get("amountMinor")).as(intent.eventId())
                    .isEqualTo(intent.amountMinor() == null ? null : intent.amountMinor().toString());
        }
    }

    private static final java.util.Comparator<Produced<?>> SAME_BYTES = (a, b) ->
            java.util.Arrays.equals(a.data(), b.data()) && a.partitionKey().equals(b.partitionKey()) ? 0 : 1;

    @Test
    void activityRecordsDecodeToWhatTheGeneratorStatesOrAreRefusedWithTheirLabel() {
        ActivityEventDecoder decoder = new ActivityEventDecoder(Clock.systemUTC());
        for (long seed = SEED; seed < SEED + 3; seed++) {
            List<TrafficRecord> records = new ActivityTraffic().traffic(ActivityModel.shape(seed, 2)).records();
            assertThat(records).filteredOn(TrafficRecord::expectedPoison).extracting(TrafficRecord::expected)
                    .contains("MALFORMED_JSON", "INVALID_UTF8", "SCHEMA_VIOLATION", "INVALID_ACTION",
                            "INVALID_TIMESTAMP", "FUTURE_TIMESTAMP", "PARTITION_KEY_MISMATCH");
            for (TrafficRecord record : records) {
                Produced<TrafficRecord> produced = new Produced<>(record.partitionKey(), record.data(), record);
                if (record.expectedPoison()) {
                    assertThat(refusal(decoder, produced)).as(record.text()).isEqualTo(record.expected());
                    continue;
                }
                ActivityEvent decoded = decode(decoder, record.data());
                Map<String, String> read = new TreeMap<>(Map.of("eventId", decoded.eventId(), "userId",
                        decoded.userId(), "action", decoded.action(), "occurredAt", decoded.occurredAt().toString()));
                if (decoded.sessionId() != null) {
                    read.put("sessionId", decoded.sessionId());
                }
                assertThat(read).as(record.text()).isEqualTo(new TreeMap<>(record.stated()));
                assertThat(decoded.userId()).isEqualTo(record.partitionKey());
            }
        }
    }

    @Test
    void activityResendsStayOnTheirFirstCopysUtcDayWithinTheDuplicateWindow() {
        for (long seed = SEED; seed < SEED + 3; seed++) {
            List<Produced<ActivityIntent>> stream = new ActivityModel().generate(seed, 2);
            Map<String, Integer> firstAt = new java.util.HashMap<>();
            Map<String, ActivityIntent.Valid> first = new java.util.HashMap<>();
            for (int i = 0; i < stream.size(); i++) {
                if (!(stream.get(i).intent() instanceof ActivityIntent.Valid event)) {
                    continue;
                }
                ActivityIntent.Valid original = first.putIfAbsent(event.eventId(), event);
                firstAt.putIfAbsent(event.eventId(), i);
                if (original != null) {
                    // The doc catches a later copy in another batch on its first copy's user-day, among the 256
                    // events counted there since: the reference, counting the first copy, relies on it.
                    assertThat(event.occurredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                            .isEqualTo(original.occurredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate());
                    assertThat(i - firstAt.get(event.eventId())).isLessThan(256);
                }
            }
        }
    }

    @Test
    void customerRecordsCleanseToTheCanonicalValuesTheGeneratorStates() {
        RecordDecoder<CleansedRecord> decoder = DataCleansingDescriptor.newDecoder(Clock.systemUTC());
        for (long seed = SEED; seed < SEED + 3; seed++) {
            List<TrafficRecord> records = new CustomerTraffic().traffic(CustomerModel.shape(seed, 2)).records();
            assertThat(records).filteredOn(TrafficRecord::expectedPoison).extracting(TrafficRecord::expected)
                    .contains("NO_CONTACT_POINT", "INVALID_UPDATED_AT", "UPDATED_AT_IN_FUTURE", "SCHEMA_VIOLATION",
                            "UNSUPPORTED_SCHEMA_VERSION", "MALFORMED_JSON", "INVALID_UTF8");
            for (TrafficRecord record : records) {
                Produced<TrafficRecord> produced = new Produced<>(record.partitionKey(), record.data(), record);
                if (record.expectedPoison()) {
                    assertThat(refusal(decoder, produced)).as(record.text()).isEqualTo(record.expected());
                    continue;
                }
                Map<String, String> stated = record.stated();
                CleansedRecord cleansed = decode(decoder, record.data());
                assertThat(cleansed.customerKey()).isEqualTo(stated.get("customerKey"));
                assertThat(cleansed.source()).isEqualTo(stated.get("source")).isEqualTo(record.partitionKey());
                assertThat(cleansed.updatedAt()).isEqualTo(Instant.parse(stated.get("updatedAt")));
                Map<String, String> read = new TreeMap<>(byName(cleansed.values()));
                cleansed.dropped().forEach((field, reason) -> read.put("dropped." + field.attribute(), reason));
                Map<String, String> fields = new TreeMap<>(stated);
                fields.keySet().removeAll(List.of("customerKey", "source", "updatedAt"));
                assertThat(read).as(record.text()).isEqualTo(fields);
            }
        }
    }

    @Test
    void everyStreamHasHostileRecords() {
        for (long seed = SEED; seed < SEED + 3; seed++) {
            assertThat(new OrderModel().generate(seed, 2)).filteredOn(r -> r.intent() instanceof OrderIntent.Poison p
                    && p.reason().equals(Poison.ANY_REASON)).hasSizeGreaterThanOrEqualTo(4);
            assertThat(new ActivityModel().generate(seed, 2)).filteredOn(r -> r.intent() instanceof ActivityIntent.Poison p
                    && p.reason().equals(Poison.ANY_REASON)).hasSizeGreaterThanOrEqualTo(4);
            assertThat(new CustomerModel().generate(seed, 2)).filteredOn(r -> r.intent() instanceof CustomerIntent.Poison p
                    && p.reason().equals(Poison.ANY_REASON)).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    /**
     * A record labelled with its reason is refused with it; one labelled {@link Poison#ANY_REASON} is refused with
     * some reason, or decodes to an event whose contract requires another partition key.
     */
    private static void assertRefused(RecordDecoder<?> decoder, Produced<?> record, String reason) {
        if (!reason.equals(Poison.ANY_REASON)) {
            assertThat(reasonOf(decoder, record.data())).isEqualTo(reason);
            return;
        }
        assertThat(refusal(decoder, record)).as("hostile record under key %s: %s", record.partitionKey(),
                new String(record.data(), java.nio.charset.StandardCharsets.UTF_8)).isNotEqualTo("ACCEPTED");
    }

    /** The reason code the core would quarantine the record with, or ACCEPTED. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String refusal(RecordDecoder decoder, Produced<?> record) {
        Object decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(record.data()));
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        } catch (RuntimeException e) {
            return "UNREADABLE_RECORD"; // what the core makes of a decoder that throws
        }
        String required = decoder.requiredPartitionKey(decoded);
        return required != null && !required.equals(record.partitionKey()) ? "PARTITION_KEY_MISMATCH" : "ACCEPTED";
    }

    private static Map<String, String> byName(Map<CustomerField, String> fields) {
        Map<String, String> named = new TreeMap<>();
        fields.forEach((field, value) -> named.put(field.attribute(), value));
        return named;
    }

    private static <E> E decode(RecordDecoder<E> decoder, byte[] data) {
        try {
            return decoder.decode(ByteBuffer.wrap(data));
        } catch (PoisonRecordException e) {
            throw new AssertionError("valid record refused with " + e.reasonCode() + ": " + new String(data), e);
        }
    }

    private static String reasonOf(RecordDecoder<?> decoder, byte[] data) {
        try {
            decoder.decode(ByteBuffer.wrap(data));
            return "ACCEPTED";
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }
}
