package com.streamproc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.bench.cost.CostBenchmark;
import com.streamproc.bench.latency.LatencyBenchmark;
import com.streamproc.bench.report.Check;
import com.streamproc.bench.report.MachineInfo;
import com.streamproc.bench.workload.OrderWorkload;
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
        Workload workload = OrderWorkload.generate(1_000, 42);
        // 500 write requests for 1,000 records: 0.5 per record, within the 1.0 target.
        report.add(new CostBenchmark.Result(BenchFunction.ORDERS, workload, 100, 10, 500, 510.0, 600,
                Map.of("PutItem", 500L), 0, 0, 2_950, 2_900.0));
        // 80 requests at 10 ms over 8 lanes is 100 ms ideal; 200 ms measured is twice that.
        report.addLatency(List.of(new LatencyBenchmark.Result(BenchFunction.ACTIVITY, 100, List.of(190.0, 200.0, 250.0),
                80, Map.of("BatchGetItem", 80L), 8, 0)));
        report.finished(600, Optional.of(new double[] {3.0, 2.0, 1.0}));
        return report;
    }

    @Test
    void holdsEveryMeasurementToItsTarget() {
        List<Check> checks = reportWithOneMetAndOneMissedTarget().checks();

        assertThat(checks).extracting(Check::subject, Check::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "met"),
                        org.assertj.core.groups.Tuple.tuple("activity", "MISSED"));
        assertThat(checks.get(0).value()).isEqualTo(0.5);
        assertThat(checks.get(1).value()).isEqualTo(2.0);
    }

    @Test
    void rendersTheMachineTheCommandAndEveryMissedTarget() {
        String markdown = reportWithOneMetAndOneMissedTarget().render(MACHINE);

        assertThat(markdown).contains("Test CPU, 2 logical cores", BenchMain.ONE_COMMAND, "24.0 GiB", "JDK 17",
                "Other processes were running", "1 of 2 targets missed",
                "| activity | 100 | 80 | {BatchGetItem=80} | 100 | 200 | 20 | 2.00× | ≤ 1.5× | MISSED |",
                "| orders | 1,000 (100) | 500 | 0.500 | 0.510 | 0.600 | 3.00 | 2.900 | 0.17× | 0.18× |");
    }

    @Test
    void saysSoWhenTheMachineWasIdle() {
        BenchReport report = new BenchReport(Settings.full(), BenchMain.ONE_COMMAND);
        report.started("2026-01-01T00:00:00Z", Optional.of(new double[] {0.1, 0.2, 0.3}));
        report.finished(1, Optional.empty());

        assertThat(report.render(MACHINE)).contains("The machine was idle").contains("Every target is met.");
    }
}
