package com.streamproc.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.activity.event.ActivityEventDecoder;
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

class WorkloadsTest {
    private static final Clock AFTER_THE_WORKLOADS = Clock.fixed(Instant.parse("2025-06-02T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameRecords() {
        Workload first = ActivityWorkload.generate(2_000, 1_000, 20, 7);
        Workload second = ActivityWorkload.generate(2_000, 1_000, 20, 7);

        assertThat(second.records()).hasSameSizeAs(first.records());
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.records().get(i).partitionKey()).isEqualTo(first.records().get(i).partitionKey());
            assertThat(second.records().get(i).data()).isEqualTo(first.records().get(i).data());
        }
    }

    @Test
    void anotherSeedGivesOtherRecords() {
        Workload first = OrderWorkload.generate(500, 1);
        Workload second = OrderWorkload.generate(500, 2);

        assertThat(Arrays.equals(first.records().get(0).data(), second.records().get(0).data())).isFalse();
    }

    @Test
    void everyWorkloadHasExactlyTheRequestedSize() {
        assertThat(OrderWorkload.generate(1_234, 42).size()).isEqualTo(1_234);
        assertThat(ActivityWorkload.generate(1_234, 100, 20, 42).size()).isEqualTo(1_234);
        assertThat(CustomerWorkload.generate(1_234, 42).size()).isEqualTo(1_234);
    }

    @Test
    void activityFollowsTheIssuesShape() {
        Workload workload = ActivityWorkload.generate(10_000, 1_000, 20, 42);

        Map<String, Long> perUser = workload.records().stream()
                .collect(Collectors.groupingBy(WorkloadRecord::partitionKey, Collectors.counting()));
        Set<String> actions = workload.records().stream().map(WorkloadRecord::text)
                .filter(t -> t.contains("\"action\":\"action."))
                .map(t -> t.replaceAll(".*\"action\":\"(action\\.[a-z0-9]+)\".*", "$1")).collect(Collectors.toSet());

        assertThat(perUser.size()).isLessThanOrEqualTo(1_000);
        assertThat(actions).hasSize(20);
        // Zipf with exponent 1.2: the most active user alone has several percent of all events.
        assertThat(perUser.get("user-10000")).isGreaterThan(500L);
    }

    @Test
    void batchesCoverTheWorkloadInOrder() {
        Workload workload = CustomerWorkload.generate(250, 42);

        List<List<WorkloadRecord>> batches = workload.batches(100);

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.get(1).get(0)).isSameAs(workload.records().get(100));
        assertThatThrownBy(() -> workload.batches(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(OrderWorkload.generate(3_000, 42), new OrderEventDecoder(),
                Set.of("INVALID_TRANSITION"));
    }

    @Test
    void activityRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(ActivityWorkload.generate(3_000, 1_000, 20, 42),
                new ActivityEventDecoder(AFTER_THE_WORKLOADS), Set.of());
    }

    @Test
    void customerRecordsDecodeAsTheGeneratorExpects() {
        assertDecodesAsExpected(CustomerWorkload.generate(3_000, 42), DataCleansingDescriptor.newDecoder(AFTER_THE_WORKLOADS),
                Set.of());
    }

    /**
     * Records expected applied (or duplicates) decode; records expected poison fail decoding with their reason
     * code, except those rejected later, by stored state ({@code decodeValid}).
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
        for (WorkloadRecord record : workload.records()) {
            String expected = record.expectedPoison() && !decodeValid.contains(record.expected())
                    ? record.expected() : "decoded";
            assertThat(outcome.apply(record)).as(record.text()).isEqualTo(expected);
        }
    }

    @Test
    void theSpreadCustomerWorkloadHoldsTheSameRecordsInUpdateOrder() {
        Workload together = CustomerWorkload.generate(3_000, 42);
        Workload spread = CustomerWorkload.generateSpread(3_000, 42);

        java.util.function.Function<Workload, List<String>> texts = w -> w.records().stream()
                .map(r -> r.partitionKey() + " " + r.text() + " " + r.expected()).toList();
        assertThat(texts.apply(spread)).containsExactlyInAnyOrderElementsOf(texts.apply(together));
        assertThat(texts.apply(spread)).isNotEqualTo(texts.apply(together));
        // A person's records from different systems no longer arrive one after the other.
        assertThat(meanDistanceOfSamePerson(spread)).isGreaterThan(10 * meanDistanceOfSamePerson(together));
    }

    /** Mean distance in the stream between consecutive records of one person (record id digits). */
    private static double meanDistanceOfSamePerson(Workload workload) {
        java.util.Map<String, Integer> last = new java.util.HashMap<>();
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
