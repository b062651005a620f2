package com.streamproc.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.bench.BenchFunction;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark workloads are the functions' own traffic generators, in their typical shapes. */
class WorkloadsTest {
    private static final Clock AFTER_THE_WORKLOADS = Clock.fixed(Instant.parse("2025-06-02T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Workload workload(String id, int records, long seed) {
        return BenchFunction.byId(id).workload(records, seed);
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        for (BenchFunction function : BenchFunction.values()) {
            Workload first = function.workload(2_000, 7);
            Workload second = function.workload(2_000, 7);

            assertThat(second.records()).hasSameSizeAs(first.records());
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.records().get(i).partitionKey()).isEqualTo(first.records().get(i).partitionKey());
                assertThat(second.records().get(i).data()).isEqualTo(first.records().get(i).data());
            }
        }
    }

    @Test
    void anotherSeedGivesOtherRecords() {
        Workload first = workload("orders", 500, 1);
        Workload second = workload("orders", 500, 2);

        assertThat(Arrays.equals(first.records().get(0).data(), second.records().get(0).data())).isFalse();
    }

    @Test
    void everyWorkloadHasExactlyTheRequestedSize() {
        for (BenchFunction function : BenchFunction.values()) {
            assertThat(function.workload(1_234, 42).size()).as(function.id()).isEqualTo(1_234);
        }
    }

    @Test
    void activitysUsersAreSkewedAsItsZipfExponentSays() {
        Workload workload = workload("activity", 10_000, 42);

        Map<String, Long> perUser = workload.records().stream()
                .collect(Collectors.groupingBy(WorkloadRecord::partitionKey, Collectors.counting()));
        Set<String> actions = workload.records().stream().map(WorkloadsTest::json).filter(n -> n != null)
                .map(n -> n.path("action").asText()).filter(a -> a.matches("[a-z.]+")).collect(Collectors.toSet());

        assertThat(perUser.size()).isLessThanOrEqualTo(1_000 + 1_000);
        assertThat(actions).hasSize(20);
        // Zipf with exponent 1.2 over 1,000 users: the most active user has about 1/ζ-ish ≈ 20 % of all events,
        // the tenth about 1/10^1.2 of that; uniform users would have 0.1 % each.
        long top = perUser.get("user-10000");
        assertThat(top).isBetween(1_200L, 2_800L);
        assertThat(perUser.getOrDefault("user-10009", 0L)).isBetween(top / 30, top / 8);
    }

    @Test
    void everyWorkloadHasItsTypicalSharesWithinSamplingNoise() {
        // Shares of 10,000 records: duplicates, poison (quarantined, whatever the reason) as each function declares.
        Map<String, double[]> declared = Map.of(
                "orders", new double[] {0.05, 0.005 + 0.005 + 0.005},
                "activity", new double[] {0.02, 0.01},
                "cleansing", new double[] {0.05, 0.05});
        for (BenchFunction function : BenchFunction.values()) {
            Workload workload = function.workload(10_000, 42);
            double[] shares = declared.get(function.id());

            assertThat((double) workload.count("duplicate") / workload.size()).as(function.id() + " duplicates")
                    .isCloseTo(shares[0], offset(shares[0] * 0.25));
            assertThat((double) workload.poisonCount() / workload.size()).as(function.id() + " poison")
                    .isCloseTo(shares[1], offset(shares[1] * 0.35));
        }
    }

    @Test
    void activityEventsArriveLateAtTheirShare() {
        Workload workload = workload("activity", 10_000, 42);

        Instant latest = Instant.EPOCH;
        int late = 0;
        int timed = 0;
        for (WorkloadRecord record : workload.records()) {
            JsonNode event = json(record);
            if (event == null || !event.path("occurredAt").isTextual() || record.expected().equals("duplicate")
                    || record.expectedPoison()) {
                continue;
            }
            Instant at = Instant.parse(event.path("occurredAt").asText());
            timed++;
            // More than the few seconds every event may lag: out of order.
            if (at.isBefore(latest.minusSeconds(3))) {
                late++;
            }
            latest = at.isAfter(latest) ? at : latest;
        }

        // 10 % are up to five minutes late; about a tenth of those fall within three seconds of the latest.
        assertThat((double) late / timed).isCloseTo(0.09, offset(0.02));
    }

    @Test
    void batchesCoverTheWorkloadInOrder() {
        Workload workload = workload("cleansing", 250, 42);

        List<List<WorkloadRecord>> batches = workload.batches(100);

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.get(1).get(0)).isSameAs(workload.records().get(100));
        assertThatThrownBy(() -> workload.batches(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(workload("orders", 3_000, 42), new OrderEventDecoder(),
                Set.of("INVALID_TRANSITION", "ORDER_UNKNOWN"));
    }

    @Test
    void activityRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(workload("activity", 3_000, 42), new ActivityEventDecoder(AFTER_THE_WORKLOADS),
                Set.of("PARTITION_KEY_MISMATCH"));
    }

    @Test
    void customerRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(workload("cleansing", 3_000, 42),
                DataCleansingDescriptor.newDecoder(AFTER_THE_WORKLOADS), Set.of("PARTITION_KEY_MISMATCH"));
    }

    /**
     * Records expected applied (or duplicates) decode; records expected poison fail decoding with their reason
     * code, exactly as many as expected, except those rejected later, by stored state or the key rule
     * ({@code decodeValid}).
     */
    private static void assertDecodesAsExpected(Workload workload, RecordDecoder<?> decoder, Set<String> decodeValid) {
        Function<WorkloadRecord, String> outcome = record -> {
            try {
                decoder.decode(ByteBuffer.wrap(record.data()));
                return "decoded";
            } catch (PoisonRecordException e) {
                return e.reasonCode();
            }
        };
        assertThat(workload.poisonCount()).isPositive();
        long refused = 0;
        for (WorkloadRecord record : workload.records()) {
            String expected = record.expectedPoison() && !decodeValid.contains(record.expected())
                    ? record.expected() : "decoded";
            String actual = outcome.apply(record);
            assertThat(actual).as(record.text()).isEqualTo(expected);
            refused += actual.equals("decoded") ? 0 : 1;
        }
        long expectedRefused = workload.records().stream()
                .filter(r -> r.expectedPoison() && !decodeValid.contains(r.expected())).count();
        assertThat(refused).isEqualTo(expectedRefused).isPositive();
    }

    @Test
    void theSpreadCustomerWorkloadHoldsTheSameRecordsInUpdateOrder() {
        BenchFunction cleansing = BenchFunction.byId("cleansing");
        Workload together = cleansing.workload(3_000, 42);
        Workload spread = cleansing.spreadWorkload().orElseThrow().generate(3_000, 42);

        Function<Workload, List<String>> texts = w -> w.records().stream()
                .map(r -> r.partitionKey() + " " + r.text() + " " + r.expected()).toList();
        assertThat(texts.apply(spread)).containsExactlyInAnyOrderElementsOf(texts.apply(together));
        assertThat(texts.apply(spread)).isNotEqualTo(texts.apply(together));
        // A person's records from different systems no longer arrive one after the other.
        assertThat(meanDistanceOfSamePerson(spread)).isGreaterThan(10 * meanDistanceOfSamePerson(together));
    }

    @Test
    void onlyTheCleansingHasASpreadCostRun() {
        assertThat(BenchFunction.values().stream().filter(f -> f.spreadWorkload().isPresent())
                .map(BenchFunction::id)).containsExactly("cleansing");
    }

    private static JsonNode json(WorkloadRecord record) {
        try {
            return JSON.readTree(record.data());
        } catch (Exception e) {
            return null;
        }
    }

    /** Mean distance in the stream between consecutive records of one person (record id digits). */
    private static double meanDistanceOfSamePerson(Workload workload) {
        Map<String, Integer> last = new java.util.HashMap<>();
        long sum = 0;
        int pairs = 0;
        for (int i = 0; i < workload.size(); i++) {
            String key = workload.records().get(i).partitionKey();
            String person = key.substring(key.indexOf('-') + 1);
            Integer before = last.put(person, i);
            if (before != null) {
                sum += i - before;
                pairs++;
            }
        }
        return (double) sum / pairs;
    }
}
