package com.streamproc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.e2e.harness.AggregatingStreamProducer;
import com.streamproc.e2e.harness.FaultKind;
import com.streamproc.e2e.harness.FaultSchedule;
import com.streamproc.e2e.harness.FunctionOutput;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-once run of {@link ExactlyOnceUnderFaultsIT} for one seed whose producer uses KPL aggregation: most
 * generated records travel as user records of aggregates (per shard, an explicit hash key in the shard their keys hash
 * to), some plain between them, and some aggregates are put twice byte for byte, so their user records arrive again
 * under a new sequence number. Under the same injected faults, every table and quarantine item (per user record,
 * {@code SEQUENCE.SUB}) must equal the reference models.
 *
 * <p>System properties: {@code e2e.aggregatedSeed} (default 20261203), {@code e2e.scale} (as for the other run).
 */
@ExtendWith(EmulatorStackExtension.class)
class AggregatedExactlyOnceUnderFaultsIT {
    private static final PrintStream REPORT = System.out;
    private static PrintStream functionLog;
    private static FaultyPipeline pipeline;

    @BeforeAll
    static void start(EmulatorStack stack) {
        functionLog = FunctionOutput.file("aggregated-faults-function-output.log");
        System.setOut(functionLog);
        pipeline = new FaultyPipeline(stack);
        REPORT.println("[e2e aggregated] functions " + pipeline.functions() + "; on the class path but not in the template, not run: "
                + pipeline.notDeployed());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        System.setOut(REPORT);
        if (functionLog != null) {
            functionLog.close();
        }
    }

    @Test
    void everyUserRecordCountsExactlyOnceUnderInjectedFaults() throws Exception {
        long seed = Long.getLong("e2e.aggregatedSeed", 20261203L);
        int scale = Integer.getInteger("e2e.scale", 1);

        SeedReport report = pipeline.run(seed, scale, FaultSchedule.Rates.DEFAULT, true);

        Map<PipelineFunction, AggregatingStreamProducer.Summary> aggregation = pipeline.aggregation();
        report.lines().forEach(line -> REPORT.println("[e2e aggregated] " + line));
        aggregation.forEach((function, summary) ->
                REPORT.println("[e2e aggregated]   " + function.shortName() + ": " + summary));
        assertThat(report.failures()).as("aggregated seed " + seed + " (rerun with -De2e.aggregatedSeed=" + seed
                + ")").isEmpty();
        assertThat(aggregation).as("what the producer put").containsOnlyKeys(pipeline.functions());
        aggregation.forEach((function, summary) -> {
            assertThat(summary.aggregates()).as(function + " aggregates").isPositive();
            assertThat(summary.resentAggregates()).as(function + " re-sent aggregates").isPositive();
            assertThat(summary.poisonInAggregates()).as(function + " poison user records in aggregates").isPositive();
            assertThat(summary.kinesisRecords()).as(function + " Kinesis records").isLessThan(summary.userRecords());
        });
        Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
        report.functions().values().forEach(f -> f.faults().forEach((k, n) -> faults.merge(k, n, Long::sum)));
        assertThat(faults.get(FaultKind.RESPONSE_LOST_AFTER_WRITE) + faults.get(FaultKind.CRASHED_MID_BATCH)
                + faults.get(FaultKind.REDELIVERED)).as("replays of applied writes").isPositive();
        assertThat(report.functions().values().stream().mapToLong(f -> f.functionErrors()).sum())
                .as("function errors (bisected batches)").isPositive();
    }
}
