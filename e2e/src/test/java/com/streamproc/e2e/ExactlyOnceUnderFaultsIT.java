package com.streamproc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.e2e.harness.FaultKind;
import com.streamproc.e2e.harness.FaultSchedule;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.e2e.harness.FunctionOutput;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Every event counts exactly once and nothing blocks a shard", shown under the failures Lambda really produces.
 *
 * <p>Per seed: a generated input with duplicates, reordered events and poison goes on the Kinesis stream of every
 * function of the template (each with its {@code EndToEndModel}) on kinesis-local; the local event source mapping
 * reads it back and delivers it to the real handlers while DynamoDB throttles and fails, responses to applied writes
 * get lost, processes die mid-batch, invocations hit their deadline or time out, and successful batches are delivered
 * again. Afterwards every table (orders and revenue, activity aggregates, cleansed customers) and every quarantine
 * item must equal the reference models, computed from the input alone; nothing may end in a failure destination and
 * no handler may throw. A second series adds an outage that makes Lambda give up on a batch, with the replay of
 * what it gave up on ({@link #givenUpBatchesReplayedCountOnceAndActivityNeverGivesUp}).
 *
 * <p>System properties: {@code e2e.seeds} (how many, default 3), {@code e2e.firstSeed}, {@code e2e.scale} (volume
 * per seed, 1 = about 600 records), {@code e2e.seedList} (explicit comma-separated seeds, to replay one).
 */
@ExtendWith(EmulatorStackExtension.class)
class ExactlyOnceUnderFaultsIT {
    private static final PrintStream REPORT = System.out;
    private static final List<SeedReport> REPORTS = new ArrayList<>();
    private static PrintStream functionLog;
    private static FaultyPipeline pipeline;

    @BeforeAll
    static void start(EmulatorStack stack) {
        // The handlers write a JSON log line and a metrics line per batch to standard output, as on Lambda. Their
        // environments are created on the mappings' threads while the seeds run, so standard output points at a
        // file for the whole class, and the report goes to the console saved above.
        functionLog = FunctionOutput.file("faults-function-output.log");
        System.setOut(functionLog);
        pipeline = new FaultyPipeline(stack);
        REPORT.println("[e2e] functions " + pipeline.functions() + "; on the class path but not in the template, not run: "
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
        Map<FaultKind, Long> totals = new EnumMap<>(FaultKind.class);
        int records = 0;
        int mismatches = 0;
        for (SeedReport report : REPORTS) {
            mismatches += report.mismatches();
            for (var figures : report.functions().values()) {
                records += figures.records();
                figures.faults().forEach((kind, n) -> totals.merge(kind, n, Long::sum));
            }
        }
        REPORT.println("[e2e] " + REPORTS.size() + " seeds, " + records + " records, mismatches " + mismatches
                + "; faults " + totals);
    }

    @TestFactory
    Stream<DynamicTest> everyEventCountsExactlyOnceUnderInjectedFaults() {
        int scale = Integer.getInteger("e2e.scale", 1);
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            SeedReport report = pipeline.run(seed, scale, FaultSchedule.Rates.DEFAULT);
            synchronized (REPORTS) {
                REPORTS.add(report);
            }
            report.lines().forEach(line -> REPORT.println("[e2e] " + line));

            assertThat(report.failures()).as("seed " + seed + " (rerun with -De2e.seedList=" + seed + ")").isEmpty();
            // The run must have exercised what it claims to: otherwise the zero above proves little.
            Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
            report.functions().values().forEach(f -> f.faults().forEach((k, n) -> faults.merge(k, n, Long::sum)));
            assertThat(faults.get(FaultKind.RESPONSE_LOST_AFTER_WRITE) + faults.get(FaultKind.CRASHED_MID_BATCH)
                    + faults.get(FaultKind.REDELIVERED)).as("replays of applied writes").isPositive();
            assertThat(report.functions().values().stream().mapToLong(f -> f.functionErrors()).sum())
                    .as("function errors (bisected batches)").isPositive();
        }));
    }

    /**
     * Lambda gives up on a batch, later batches succeed, then the given-up records are replayed with their own
     * sequence numbers. Each mapping keeps its template's retry settings: order processing and data cleansing give up
     * and their replay must apply each record once; activity tracking's mapping (-1) gives up on nothing, and the
     * replay of the same records, already applied, must change nothing. System property {@code e2e.giveUpSeeds}
     * (default 2) says how many of the seeds above run this way.
     */
    @TestFactory
    Stream<DynamicTest> givenUpBatchesReplayedCountOnceAndActivityNeverGivesUp() {
        int scale = Integer.getInteger("e2e.scale", 1);
        return seeds().limit(Integer.getInteger("e2e.giveUpSeeds", 2)).mapToObj(seed -> DynamicTest.dynamicTest(
                "seed " + seed, () -> {
                    SeedReport report = pipeline.run(seed, scale, FaultSchedule.Rates.DEFAULT, false, true);
                    synchronized (REPORTS) {
                        REPORTS.add(report);
                    }
                    report.lines().forEach(line -> REPORT.println("[e2e give-up] " + line));

                    assertThat(report.failures()).as("seed " + seed).isEmpty();
                    report.functions().forEach((function, figures) -> {
                        assertThat(figures.faults().get(FaultKind.GIVE_UP_OUTAGE)).as(function + " outage")
                                .isPositive();
                        if (function.descriptor().neverGivesUp()) {
                            assertThat(figures.discarded()).as(function + " given up").isZero();
                        } else {
                            assertThat(figures.discarded()).as(function + " given up").isPositive();
                            assertThat(figures.replayed()).as(function + " replayed").isEqualTo(figures.discarded());
                        }
                    });
                }));
    }

    private static LongStream seeds() {
        String list = System.getProperty("e2e.seedList", "").trim();
        if (!list.isEmpty()) {
            return Stream.of(list.split(",")).map(String::trim).mapToLong(Long::parseLong);
        }
        long first = Long.getLong("e2e.firstSeed", 20261127L);
        int count = Integer.getInteger("e2e.seeds", 3);
        return LongStream.range(0, count).map(i -> first + i * 1_000_003L);
    }
}
