package com.streamproc.activity.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.testing.StreamTrafficContract;
import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ActivityTrafficTest extends StreamTrafficContract<ActivityEvent> {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "e53ecbae3c9eae825fb7008bdec91f621ed9ec7deeeb1ab7eef67fff4a8e631c";
    /** The same by event time, with a run tag and every share: the other draws' paths, as made before. */
    private static final String SHARES_3000_SEED_7_BY_TIME = "be4c7c1e07a0887c5515ecd25df4171da11f424b859e8efdd61b210324af61a3";
    /** All poison, as {@code produce --generate} asks for its broken events. */
    private static final String POISON_500_SEED_3 = "20b9647bcfb5cc5be2fae4130e643b08462fb83da26662eed359bf681b6c1db3";

    ActivityTrafficTest() {
        super(new ActivityTraffic(), TYPICAL_2000_SEED_42,
                new ActivityEventDecoder(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"),
                ZoneOffset.UTC)), Set.of(ReasonCodes.MALFORMED_JSON, ReasonCodes.INVALID_UTF8,
                ReasonCodes.INVALID_UNICODE, ReasonCodes.SCHEMA_VIOLATION, ReasonCodes.UNSUPPORTED_SCHEMA_VERSION,
                ActivityReasonCodes.INVALID_EVENT_ID, ActivityReasonCodes.INVALID_USER_ID,
                ActivityReasonCodes.INVALID_SESSION_ID, ActivityReasonCodes.INVALID_ACTION,
                ActivityReasonCodes.INVALID_TIMESTAMP, ActivityReasonCodes.FUTURE_TIMESTAMP,
                ActivityReasonCodes.INVALID_ATTRIBUTES, ActivityReasonCodes.PARTITION_KEY_MISMATCH),
                typical -> typical.withShares(0.05, 0.1, 0.05, 0.02),
                // Three days, so that times near several UTC midnights and days late all fall in.
                edges -> edges.withTimes(Instant.parse("2025-03-03T00:00:00Z"), Duration.ofDays(3))
                        .withShares(0.12, 0.3, 0.05, 0.02));
    }

    @Test
    void trafficOfEveryShareWithoutEdgeCasesIsAsBefore() {
        TrafficShape shape = traffic.typical(3000, 7).withRun("r7").withShares(0.1, 0.3, 0.05, 0.05)
                .withOrder(TrafficShape.SendOrder.BY_EVENT_TIME);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records())).isEqualTo(SHARES_3000_SEED_7_BY_TIME);
    }

    @Test
    void poisonOnlyTrafficWithoutEdgeCasesIsAsBefore() {
        TrafficShape shape = traffic.typical(500, 3).withKeySkew(1).withShares(0, 0, 1, 0);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records())).isEqualTo(POISON_500_SEED_3);
    }

    @Override
    protected Map<String, String> read(ActivityEvent event) {
        Map<String, String> read = new TreeMap<>();
        read.put("eventId", event.eventId());
        read.put("userId", event.userId());
        read.put("action", event.action());
        read.put("occurredAt", event.occurredAt().toString());
        if (event.sessionId() != null) {
            read.put("sessionId", event.sessionId());
        }
        return read;
    }

    @Test
    void edgeRecordsHoldTheRarerForms() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(3000, 5).withEdgeShare(1)
                .withShares(0.1, 0, 0, 0)).records();

        List<TrafficRecord> valid = records.stream().filter(r -> !r.expectedPoison()).toList();
        List<String> texts = valid.stream().map(TrafficRecord::text).toList();
        assertThat(valid).anyMatch(r -> !r.partitionKey().chars().allMatch(c -> c < 128));
        assertThat(valid).anyMatch(r -> r.partitionKey().length() == 128);
        assertThat(valid).anyMatch(r -> r.stated().get("eventId").length() == 128);
        assertThat(valid).anyMatch(r -> r.stated().get("action").length() == 64);
        assertThat(texts).anyMatch(t -> t.contains("-12:00\"")).anyMatch(t -> t.contains("+14:00\""))
                .anyMatch(t -> t.contains("\"sessionId\":null")).anyMatch(t -> t.contains("\"attributes\":null"))
                .anyMatch(t -> !t.contains("\"sessionId\"")).anyMatch(t -> t.contains("\"attributes\":{}"));
        assertThat(valid).anyMatch(r -> {
            // written on one calendar day, counted on another in UTC
            String text = r.text();
            int at = text.indexOf("\"occurredAt\":\"") + 14;
            return !text.substring(at, at + 10).equals(r.stated().get("occurredAt").substring(0, 10));
        });
        Map<String, TrafficRecord> firstCopies = new HashMap<>();
        int changedResends = 0;
        for (TrafficRecord record : valid) {
            TrafficRecord first = firstCopies.putIfAbsent(record.stated().get("eventId"), record);
            if (first != null) {
                assertThat(record.expected()).isEqualTo(TrafficRecord.DUPLICATE);
                assertThat(utcDay(record)).as("a resend stays on its first copy's UTC day").isEqualTo(utcDay(first));
                if (!record.stated().equals(first.stated())) {
                    changedResends++;
                }
            } else {
                assertThat(record.expected()).isEqualTo(TrafficRecord.APPLIED);
            }
        }
        assertThat(changedResends).isPositive();
    }

    private static LocalDate utcDay(TrafficRecord record) {
        return LocalDate.ofInstant(Instant.parse(record.stated().get("occurredAt")), ZoneOffset.UTC);
    }
}
