package com.streamproc.cleansing.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.decode.CustomerRecordDecoder;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.testing.StreamTrafficContract;
import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CustomerTrafficTest extends StreamTrafficContract<CleansedRecord> {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "68551c07e25eaa666a04fe6935385ae1fb56fa000a91ff37ed91a017f12d8485";

    CustomerTrafficTest() {
        super(new CustomerTraffic(), TYPICAL_2000_SEED_42,
                DataCleansingDescriptor.newDecoder(Clock.fixed(
                Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)), Set.of(CleansingReasons.NO_CONTACT_POINT,
                CleansingReasons.INVALID_UPDATED_AT, CleansingReasons.UPDATED_AT_IN_FUTURE,
                ReasonCodes.SCHEMA_VIOLATION, ReasonCodes.UNSUPPORTED_SCHEMA_VERSION, ReasonCodes.MALFORMED_JSON,
                ReasonCodes.INVALID_UTF8, ReasonCodes.INVALID_UNICODE, ReasonCodes.PARTITION_KEY_MISMATCH),
                typical -> typical.withShares(0.05, 0.01, 0.05, 0.02),
                edges -> edges.withShares(0.12, 0.3, 0.04, 0.02));
    }

    /** The customer, source and update time, the usable fields by their stored names, and the dropped ones. */
    @Override
    protected Map<String, String> read(CleansedRecord cleansed) {
        Map<String, String> read = new TreeMap<>();
        read.put("customerKey", cleansed.customerKey());
        read.put("source", cleansed.source());
        read.put("updatedAt", cleansed.updatedAt().toString());
        cleansed.values().forEach((field, value) -> read.put(field.attribute(), value));
        cleansed.dropped().forEach((field, reason) -> read.put("dropped." + field.attribute(), reason));
        return read;
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
}
