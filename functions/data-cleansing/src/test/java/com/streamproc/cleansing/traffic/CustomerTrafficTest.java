package com.streamproc.cleansing.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.decode.CustomerRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CustomerTrafficTest {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "68551c07e25eaa666a04fe6935385ae1fb56fa000a91ff37ed91a017f12d8485";

    private final CustomerTraffic traffic = new CustomerTraffic();
    private final CustomerRecordDecoder decoder = DataCleansingDescriptor.newDecoder(
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void typicalTrafficWithoutEdgeCasesIsTheBenchmarksWorkloadByteForByte() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 42)).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(TYPICAL_2000_SEED_42);
    }

    @Test
    void typicalRecordsDecodeToWhatTheyStateOrAreRefusedWithTheirLabel() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 7).withShares(0.05, 0.01, 0.05, 0.02))
                .records();

        records.forEach(this::assertDecodesAsStated);
    }

    @Test
    void edgeRecordsDecodeToWhatTheyStateOrAreRefusedWithTheirLabel() {
        TrafficShape shape = traffic.typical(3000, 11).withRun("s11").withShares(0.12, 0.3, 0.04, 0.02)
                .withEdgeShare(0.8);

        List<TrafficRecord> records = traffic.traffic(shape).records();

        assertThat(records).hasSize(3000);
        records.forEach(this::assertDecodesAsStated);
    }

    @Test
    void everyReasonCodeAKinesisRecordCanEarnShowsUpAtFullEdgeShare() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(1000, 3).withEdgeShare(1)).records();

        Set<String> reasons = records.stream().filter(TrafficRecord::expectedPoison).map(TrafficRecord::expected)
                .collect(Collectors.toSet());
        assertThat(reasons).containsExactlyInAnyOrder(CleansingReasons.NO_CONTACT_POINT,
                CleansingReasons.INVALID_UPDATED_AT, CleansingReasons.UPDATED_AT_IN_FUTURE,
                ReasonCodes.SCHEMA_VIOLATION, ReasonCodes.UNSUPPORTED_SCHEMA_VERSION, ReasonCodes.MALFORMED_JSON,
                ReasonCodes.INVALID_UTF8, ReasonCodes.INVALID_UNICODE, ReasonCodes.PARTITION_KEY_MISMATCH);
    }

    @Test
    void edgeRecordsHoldTheRarerForms() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 5).withEdgeShare(1)
                .withShares(0.1, 0, 0, 0)).records();

        List<String> valid = records.stream().filter(r -> !r.expectedPoison()).map(TrafficRecord::text).toList();
        assertThat(records).filteredOn(r -> r.expected().equals(TrafficRecord.DUPLICATE)).isNotEmpty();
        assertThat(records).filteredOn(r -> r.stated().getOrDefault("customerKey", "").startsWith("PHONE#"))
                .isNotEmpty();
        assertThat(records).filteredOn(r -> !r.partitionKey().chars().allMatch(c -> c < 128)).isNotEmpty();
        assertThat(valid).anyMatch(text -> text.contains("\"updatedAt\":1")); // epoch milliseconds, a number
        assertThat(valid).anyMatch(text -> text.contains("-09:30\""));
        assertThat(valid).anyMatch(text -> text.contains("\"country\":null"));
        assertThat(valid).anyMatch(text -> text.contains("\"birthDate\":null"));
        assertThat(records).flatMap(r -> r.stated().keySet()).contains("dropped.email", "dropped.country",
                "dropped.fullName", "dropped.birthDate");
    }

    @Test
    void theSameShapeGivesTheSameRecords() {
        TrafficShape shape = traffic.typical(500, 9).withEdgeShare(0.5);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records()))
                .isEqualTo(TrafficDigest.of(traffic.traffic(shape).records()));
    }

    private void assertDecodesAsStated(TrafficRecord record) {
        String text = new String(record.data(), StandardCharsets.UTF_8);
        if (record.expectedPoison()) {
            assertThat(refusal(record)).as(text).isEqualTo(record.expected());
            return;
        }
        CleansedRecord cleansed = decode(record);
        Map<String, String> read = new TreeMap<>();
        read.put("customerKey", cleansed.customerKey());
        read.put("source", cleansed.source());
        read.put("updatedAt", cleansed.updatedAt().toString());
        cleansed.values().forEach((field, value) -> read.put(field.attribute(), value));
        cleansed.dropped().forEach((field, reason) -> read.put("dropped." + field.attribute(), reason));
        assertThat(read).as(text).isEqualTo(new TreeMap<>(record.stated()));
        assertThat(cleansed.source()).isEqualTo(record.partitionKey());
    }

    private String refusal(TrafficRecord record) {
        try {
            CleansedRecord cleansed = decoder.decode(ByteBuffer.wrap(record.data()));
            return cleansed.source().equals(record.partitionKey()) ? "ACCEPTED" : ReasonCodes.PARTITION_KEY_MISMATCH;
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }

    private CleansedRecord decode(TrafficRecord record) {
        try {
            return decoder.decode(ByteBuffer.wrap(record.data()));
        } catch (PoisonRecordException e) {
            throw new AssertionError("refused with " + e.reasonCode() + ": " + record.text(), e);
        }
    }

}
