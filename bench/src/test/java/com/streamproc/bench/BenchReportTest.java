package com.streamproc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.cost.CostBenchmark;
import com.streamproc.bench.headroom.HeadroomBenchmark;
import com.streamproc.bench.latency.LatencyBenchmark;
import com.streamproc.bench.report.Check;
import com.streamproc.bench.report.MachineInfo;
import com.streamproc.bench.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final MachineInfo MACHINE = new MachineInfo("Test CPU", 2, 24L * 1024 * 1024, "JDK 17", "Linux");

    private BenchReport reportWithOneMetAndOneMissedTarget() {
        BenchReport report = new BenchReport(Settings.full(), BenchMain.ONE_COMMAND);
        report.started("2026-01-01T00:00:00Z", Optional.of(new double[] {2.5, 2.0, 1.0}));
        Workload workload = BenchFunction.byId("orders").workload(1_000, 42);
        report.templateSettings(BenchFunction.byId("orders"), new FunctionSettings(100, 1, 4, 8, 1024, "arm64"));
        // 500 write requests for 1,000 records: 0.5 per record, within the 1.0 target; 1.34 WRU per record.
        CostBenchmark.Design measured = new CostBenchmark.Design("function",
                new DynamoDbBill.Tally(930, 400, 930, 10, 930, 10, 930, Map.of("t/byCustomer", 400.0)), Map.of(),
                Map.of("PutItem", 500L, "GetItem", 930L), 930, Map.of());
        CostBenchmark.Design powertools = new CostBenchmark.Design("powertools",
                new DynamoDbBill.Tally(3_000, 2_000, 50, 0, 3_000, 0, 50, Map.of()), Map.of(),
                Map.of("PutItem", 1_000L, "UpdateItem", 2_000L), 3_000, Map.of());
        CostBenchmark.Design naive = new CostBenchmark.Design("naive",
                new DynamoDbBill.Tally(1_000, 1_500, 0, 0, 1_000, 0, 0, Map.of()), Map.of(),
                Map.of("UpdateItem", 1_000L), 1_000, Map.of());
        report.add(new CostBenchmark.Result(BenchFunction.byId("orders"), "", workload, 100, 10, 0, 0, measured, powertools,
                naive));
        // 10,000 records in 2 s: 5,000 records/s, 5× a shard's ingest; 100 batches of 80 ms: 0.8 ms per record.
        report.add(new HeadroomBenchmark.Result(BenchFunction.byId("orders"), new FunctionSettings(100, 1, 4, 8, 1024,
                "arm64"), 10_000, 2.0, java.util.Collections.nCopies(100, 80.0), 20_000, 0, 250, List.of(5_000.0)));
        // 80 requests at 10 ms over 8 lanes is 100 ms ideal; 200 ms measured is twice that.
        report.addLatency(List.of(new LatencyBenchmark.Result(BenchFunction.byId("activity"), 100, List.of(190.0, 200.0, 250.0),
                80, Map.of("BatchGetItem", 80L), 8, 0, 3, List.of(4.0, 5.0, 6.0))));
        report.finished(600, Optional.of(new double[] {3.0, 2.0, 1.0}));
        return report;
    }

    @Test
    void holdsEveryMeasurementToItsTarget() {
        List<Check> checks = reportWithOneMetAndOneMissedTarget().checks();

        assertThat(checks).extracting(Check::subject, Check::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "met"),
                        org.assertj.core.groups.Tuple.tuple("orders", "met"),
                        org.assertj.core.groups.Tuple.tuple("orders", "met"),
                        org.assertj.core.groups.Tuple.tuple("activity", "MISSED"));
        assertThat(checks.get(0).value()).isEqualTo(0.5);
        assertThat(checks.get(1).value()).isEqualTo(1.34);
        assertThat(checks.get(2).value()).isEqualTo(5.0);
        assertThat(checks.get(3).value()).isEqualTo(2.0);
    }

    @Test
    void rendersTheMachineTheCommandAndEveryMissedTarget() {
        String markdown = reportWithOneMetAndOneMissedTarget().render(MACHINE);

        assertThat(markdown).contains("Test CPU, 2 logical cores", BenchMain.ONE_COMMAND, "24.0 GiB", "JDK 17",
                "Other processes were running", "1 of 4 targets missed",
                // p90 of three runs by nearest rank: the largest.
                // The caller's CPU: the median of 4, 5 and 6 ms.
                "| activity | 100 | 80 | {BatchGetItem=80} | 100 | 200 | 250 | 20 | 2.00× | 2.50× | 5.0 | 3 | ≤ 1.5× "
                        + "| MISSED |",
                "### All-in cost per record\n\n| function | batch | table WRU/record | GSI WRU/record | RRU/record | "
                        + "failed-condition WRU/record | total WRU/record | $/M records | Powertools $/M | naive $/M |",
                // DynamoDB 1.34 × 0.625 + 0.93 × 0.125 = 0.954; Lambda 0.8 ms × 1 GB × 13.3334 $/M GB-s = 0.011,
                // plus 0.20 $/M invocations ÷ 100 = 0.002. Powertools: 5 WRU, 0.05 RRU, 3 requests × 10 ms;
                // naive: 2.5 WRU, 1 request × 10 ms.
                "| orders | 100 | 0.93 | 0.40 | 0.93 | 0.010 | 1.34 | 0.97 | 3.53 | 1.70 |",
                "| orders | 100 | 1 | 4 | 8 | 10,000 | 80 | 5,000 | 5.00× | ≥ 5× | met | 15 min | 8.00× | 5,000 |");
    }

    @Test
    void saysSoWhenTheMachineWasIdle() {
        BenchReport report = new BenchReport(Settings.full(), BenchMain.ONE_COMMAND);
        report.started("2026-01-01T00:00:00Z", Optional.of(new double[] {0.1, 0.2, 0.3}));
        report.finished(1, Optional.empty());

        assertThat(report.render(MACHINE)).contains("The machine was idle").contains("Every target is met.");
    }
}
