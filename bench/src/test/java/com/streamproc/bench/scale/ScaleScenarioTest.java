package com.streamproc.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.workload.WorkloadRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPoisonFloodReplacesTheGivenShareOfRecordsByUndecodableOnesOfTheGivenSize() {
        ScaleScenario flood = ScaleScenario.poison(BenchFunction.byId("orders"), 1_000, 42, 0.5, 1024);

        long poison = flood.records().stream().filter(r -> r.data().length == 1024).count();
        assertThat(flood.records()).hasSize(1_000);
        assertThat(poison).isEqualTo(500);
        assertThat(flood.records().stream().filter(r -> r.data().length == 1024))
                .allSatisfy(r -> assertThat(r.text()).startsWith("{\"schemaVersion\":1,\"junk\":\""));
    }

    @Test
    void theHotUsersRecordsAreKeyedByTheUserAsActivityRequires() throws IOException {
        BenchFunction activity = BenchFunction.byId("activity");
        ScaleScenario hot = ScaleScenario.hot(activity, activity.partitionTraits().hotKeys().get(0), 500, 42);

        for (WorkloadRecord record : hot.records()) {
            JsonNode event = JSON.readTree(record.data());
            assertThat(record.partitionKey()).isEqualTo("user-top");
            assertThat(event.get("userId").asText()).isEqualTo("user-top");
        }
        // One shard's user, not one that every shard writes.
        assertThat(hot.name()).isEqualTo("hot user (10 % of activity, capped at one shard)");
        assertThat(ScaleBenchmark.shared(activity, "ActivityTable", "USER#user-top")).isFalse();
    }

    @Test
    void eventTimesAreSqueezedIntoTheSpanTheRecordsTakeAtFullIngest() throws IOException {
        List<WorkloadRecord> records = ScaleScenario.normal(BenchFunction.byId("activity"), 2_000, 42).records();

        Instant first = null;
        Instant last = null;
        // Poison keeps its bytes (broken JSON, a time far ahead): only records the function applies are squeezed.
        assertThat(records).anyMatch(WorkloadRecord::expectedPoison);
        for (WorkloadRecord record : records) {
            if (record.expectedPoison()) {
                continue;
            }
            Instant at = Instant.parse(JSON.readTree(record.data()).get("occurredAt").asText());
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
        // 2,000 records at 1,000 records/s: two seconds of event time, not the workload's two hours.
        assertThat(Duration.between(first, last)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void sharedKeysAreIndexKeysExceptAPersonsActionHoursAndHotEntities() {
        BenchFunction orders = BenchFunction.byId("orders");
        BenchFunction activity = BenchFunction.byId("activity");
        BenchFunction cleansing = BenchFunction.byId("cleansing");

        assertThat(ScaleBenchmark.shared(orders, "OrdersQuarantineTable/byDay", "2026-12-03#7")).isTrue();
        assertThat(ScaleBenchmark.shared(orders, "OrdersTable/byCustomer", "cust-1000#3")).isFalse();
        assertThat(ScaleBenchmark.shared(orders, "OrdersTable/byCustomer", "cust-hot#3")).isTrue();
        assertThat(ScaleBenchmark.shared(cleansing, "CustomersTable/byPhone", "+442079463028")).isFalse();
        assertThat(ScaleBenchmark.shared(activity, "ActivityTable", "ACTION#login#2025-06-01T08")).isTrue();
        assertThat(ScaleBenchmark.shared(activity, "ActivityTable/byActiveDay", "2025-06-01")).isTrue();
        assertThat(ScaleBenchmark.shared(orders, "OrdersQuarantineTable", "shardId-000000000000#2")).isFalse();
        assertThat(ScaleBenchmark.shared(orders, "OrdersTable", "ord-100001")).isFalse();
    }

    @Test
    void eachFunctionGetsTheScenariosItsTraitsDeclare() {
        List<BenchFunction> all = List.of(BenchFunction.byId("orders"), BenchFunction.byId("activity"),
                BenchFunction.byId("cleansing"));

        List<String> names = ScaleBenchmark.scenarios(all, 300, 42).stream()
                .filter(s -> !s.name().startsWith("poison"))
                .map(s -> s.function().id() + ": " + s.name()).toList();

        assertThat(names).containsExactly("orders: normal", "activity: normal", "cleansing: normal",
                "orders: hot customer (5 % of orders)",
                "activity: hot user (10 % of activity, capped at one shard)",
                "orders: late burst (a day's events in one hour)",
                "activity: late burst (a day's events in one hour)");
    }
}
