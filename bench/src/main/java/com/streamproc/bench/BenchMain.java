package com.streamproc.bench;

import com.streamproc.bench.coldstart.ColdStartBenchmark;
import com.streamproc.bench.cost.CostBenchmark;
import com.streamproc.bench.cpu.CpuRunner;
import com.streamproc.bench.headroom.HeadroomBenchmark;
import com.streamproc.bench.latency.LatencyBenchmark;
import com.streamproc.bench.pipeline.DemoRun;
import com.streamproc.bench.pipeline.RawThroughput;
import com.streamproc.bench.report.MachineInfo;
import com.streamproc.bench.report.Numbers;
import com.streamproc.bench.report.ResultsDocument;
import com.streamproc.bench.scale.ScaleBenchmark;
import com.streamproc.bench.scale.ScaleModel;
import com.streamproc.bench.scale.ScaleReport;
import com.streamproc.bench.scale.ScaleScenario;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ProjectRoot;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark driver: {@code java -jar bench/target/streamproc-bench.jar <what> [options]}, run from the project
 * root after {@code mvn -q -DskipTests package}.
 *
 * <ul>
 *   <li>{@code all}: every benchmark, then the results section of BENCHMARKS.md is rewritten;</li>
 *   <li>{@code scale}: the partition-capacity model (no emulators); rewrites only the "Partition heat at scale"
 *       section of BENCHMARKS.md (unless {@code --quick} without {@code --output});</li>
 *   <li>{@code cpu}, {@code latency}, {@code headroom}, {@code cost}, {@code coldstart}, {@code pipeline}: one
 *       benchmark, results on standard output only (unless {@code --output} is given); {@code cost} runs
 *       {@code headroom} first, for the Lambda duration its dollars need.</li>
 * </ul>
 * Options: {@code --quick} (small sizes, a smoke run; writes nothing unless {@code --output}), {@code --output FILE},
 * {@code --project-root DIR}, {@code --functions orders,activity,cleansing}. Exit code 0 when every benchmark ran,
 * whether or not its target is met (misses are reported, not hidden), 1 when a benchmark could not run, 2 for bad
 * usage.
 */
public final class BenchMain {
    static final Set<String> WHAT = Set.of("all", "cpu", "latency", "headroom", "cost", "coldstart", "pipeline",
            "scale");
    public static final String ONE_COMMAND = "mvn -q -B -DskipTests package && java -jar bench/target/streamproc-bench.jar all";

    private final Settings settings;
    private final Path projectRoot;
    private final Path benchTarget;
    private final Path logs;
    private final List<BenchFunction> functions;
    private final Map<BenchFunction, Workload> workloads = new LinkedHashMap<>();
    private final long runStart = System.nanoTime();

    BenchMain(Settings settings, Path projectRoot, Path benchTarget, List<BenchFunction> functions) {
        this.settings = settings;
        this.projectRoot = projectRoot;
        this.benchTarget = benchTarget;
        this.logs = benchTarget.resolve("bench-logs");
        this.functions = functions;
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println("usage: java -jar bench/target/streamproc-bench.jar <all|cpu|latency|headroom|cost|coldstart|"
                    + "pipeline|scale> [--quick] [--output FILE] [--project-root DIR] [--functions orders,activity,cleansing]");
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("[bench] failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || !WHAT.contains(args[0])) {
            throw new UsageException("first argument must be one of " + WHAT);
        }
        String what = args[0];
        boolean quick = false;
        Path output = null;
        Path root = null;
        List<BenchFunction> functions = BenchFunction.values();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--output" -> output = Path.of(value(args, ++i, "--output"));
                case "--project-root" -> root = Path.of(value(args, ++i, "--project-root"));
                case "--functions" -> functions = Arrays.stream(value(args, ++i, "--functions").split(","))
                        .map(String::trim).map(BenchFunction::byId).toList();
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        Path projectRoot = (root == null ? ProjectRoot.locate() : root).toAbsolutePath().normalize();
        if (output == null && (what.equals("all") || what.equals("scale")) && !quick) {
            output = projectRoot.resolve("BENCHMARKS.md");
        }
        // The SDK clients of this JVM talk to the emulators only.
        System.setProperty(ProjectRoot.PROPERTY, projectRoot.toString());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");

        Settings settings = quick ? Settings.quick() : Settings.full();
        BenchMain bench = new BenchMain(settings, projectRoot, benchTarget(), functions);
        String command = what.equals("all") && !quick && functions.size() == BenchFunction.values().size()
                ? ONE_COMMAND : "java -jar bench/target/streamproc-bench.jar " + String.join(" ", args);
        BenchReport report = new BenchReport(settings, command);
        bench.runAll(what, report);
        String markdown = what.equals("scale") ? "" : report.render(MachineInfo.current());
        System.out.println();
        System.out.println(markdown);
        String scale = bench.scaleReplays == null ? null
                : ScaleReport.render(bench.scaleReplays, command, bench.scaleStartedAt);
        if (scale != null) {
            System.out.println(scale);
        }
        if (output != null) {
            String document = Files.exists(output) ? Files.readString(output) : "";
            if (!what.equals("scale")) {
                document = ResultsDocument.withResults(document, markdown);
            }
            if (scale != null) {
                document = ResultsDocument.withSection(document, ScaleReport.BEGIN, ScaleReport.END, scale);
            }
            Files.writeString(output, document);
            System.out.println("[bench] results written to " + output);
        }
        return 0;
    }

    void runAll(String what, BenchReport report) throws Exception {
        report.started(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), MachineInfo.loadAverage());
        say("load average at start: " + MachineInfo.describeLoad(MachineInfo.loadAverage()));
        boolean all = what.equals("all");
        for (BenchFunction function : BenchFunction.values()) {
            report.templateSettings(function, function.settings(projectRoot));
        }
        if (all || what.equals("scale")) {
            timed(report, "7 partition heat at scale", this::scale);
        }
        if (all || what.equals("cpu")) {
            timed(report, "1 CPU per record (JMH)", () -> cpu(report));
        }
        if (all || what.equals("latency")) {
            timed(report, "3 batch latency", () -> latency(report));
        }
        if (all || what.equals("headroom") || what.equals("cost")) {
            timed(report, "6 shard headroom", () -> headroom(report));
        }
        if (all || what.equals("cost") || what.equals("coldstart") || what.equals("pipeline")) {
            long start = System.nanoTime();
            say("starting kinesis-local and dynalite");
            try (EmulatorStack stack = EmulatorStack.start(projectRoot, logs.resolve("emulators"),
                    Duration.ofSeconds(90))) {
                report.phase("emulators start", seconds(start));
                if (all || what.equals("cost")) {
                    timed(report, "2 DynamoDB cost (function + baseline)", () -> cost(stack, report));
                }
                if (all || what.equals("coldstart")) {
                    timed(report, "4 cold start", () -> coldStart(stack, report));
                }
                if (all || what.equals("pipeline")) {
                    timed(report, "5 emulators' raw throughput", () -> raw(stack, report));
                }
            }
        }
        if (all || what.equals("pipeline")) {
            // After the benchmark's own emulators are stopped: the demo starts its own stack.
            timed(report, "5 local pipeline (demo)", () -> demo(report));
        }
        report.finished(seconds(runStart), MachineInfo.loadAverage());
        say("load average at end: " + MachineInfo.describeLoad(MachineInfo.loadAverage()));
    }

    /** The partition-capacity model's replays, once it has run (null otherwise), and when it started. */
    private List<ScaleBenchmark.Replay> scaleReplays;
    private String scaleStartedAt;

    private void scale() {
        scaleStartedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ScaleBenchmark benchmark = new ScaleBenchmark(projectRoot, logs);
        List<ScaleBenchmark.Replay> replays = new ArrayList<>();
        for (ScaleScenario scenario : ScaleBenchmark.scenarios(functions, settings.workloadRecords(),
                settings.seed())) {
            long start = System.nanoTime();
            ScaleBenchmark.Replay replay = benchmark.run(scenario);
            replays.add(replay);
            for (ScaleModel.Hottest h : replay.hottest(ScaleBenchmark.SHARDS.get(ScaleBenchmark.SHARDS.size() - 1))) {
                say(String.format(Locale.ROOT, "  %s %s at %d shards: %s hottest `%s` %.0f WCU/s (%.0f %%), "
                                + "reads %.0f RCU/s (%.0f %%)", scenario.function().id(), scenario.name(),
                        ScaleBenchmark.SHARDS.get(ScaleBenchmark.SHARDS.size() - 1), h.target(), h.writeKey(),
                        h.writeUnits(), h.writeShare() * 100, h.readUnits(), h.readShare() * 100));
            }
            say(String.format(Locale.ROOT, "  (%d records, %d per batch, %.1f s, %d failed batches)",
                    replay.records(), replay.batchSize(), seconds(start), replay.failedBatches()));
        }
        scaleReplays = replays;
    }

    private void cpu(BenchReport report) throws Exception {
        CpuRunner runner = new CpuRunner(projectRoot, logs);
        for (CpuRunner.Flags flags : settings.cpuFlags()) {
            for (BenchFunction function : functions) {
                say("CPU " + function.id() + " (" + flags.name() + ")");
                CpuRunner.Result result = runner.run(function, flags);
                say(String.format(Locale.ROOT, "  function %.0f ns/record, decoder alone %.0f, batch core alone %.0f, "
                                + "readTree %.0f, ratio %.2f", result.processing().nanosPerRecord(),
                        result.decode().nanosPerRecord(), result.core().nanosPerRecord(), result.raw().nanosPerRecord(),
                        result.ratio()));
                report.add(result);
            }
        }
    }

    private void latency(BenchReport report) {
        LatencyBenchmark benchmark = new LatencyBenchmark(projectRoot, logs);
        for (BenchFunction function : functions) {
            say("latency " + function.id());
            List<LatencyBenchmark.Result> results = benchmark.run(function, workload(function),
                    settings.latencySizes(), settings.latencyRuns());
            results.forEach(r -> say(String.format(Locale.ROOT, "  %d records: %d requests, ideal %.0f ms, measured "
                    + "%.0f ms, ratio %.2f", r.batchSize(), r.requests(), r.idealMillis(), r.medianMillis(), r.ratio())));
            report.addLatency(results);
        }
    }

    private void headroom(BenchReport report) {
        HeadroomBenchmark benchmark = new HeadroomBenchmark(projectRoot, logs);
        for (BenchFunction function : functions) {
            say("headroom " + function.id());
            HeadroomBenchmark.Result result = benchmark.run(function, workload(function), settings.headroomRuns());
            say(String.format(Locale.ROOT, "  %.0f records/s, headroom %.2f×, mean batch %.0f ms",
                    result.recordsPerSecond(), result.headroom(), result.meanBatchMillis()));
            report.add(result);
        }
    }

    private void cost(EmulatorStack stack, BenchReport report) {
        CostBenchmark benchmark = new CostBenchmark(stack, projectRoot, logs);
        for (BenchFunction function : functions) {
            say("cost " + function.id());
            long start = System.nanoTime();
            CostBenchmark.Result result = benchmark.run(function, workload(function));
            sayCost(result, start);
            report.add(result);
            if (function.spreadWorkload().isPresent()) {
                say("cost " + function.id() + ", a person's records spread over time");
                long spreadStart = System.nanoTime();
                CostBenchmark.Result spread = benchmark.run(function,
                        function.spreadWorkload().get().generate(settings.workloadRecords(), settings.seed()),
                        "records spread over time", "-s");
                sayCost(spread, spreadStart);
                report.add(spread);
            }
        }
    }

    private void sayCost(CostBenchmark.Result result, long start) {
        say(String.format(Locale.ROOT, "  %s: total %.2f WRU/record (table %.2f, GSI %.2f, failed conditions %.3f), "
                        + "%.2f RRU/record; Powertools %.2f WRU/record, naive %.2f (%.0f s)", result.label(),
                result.perRecord(result.measured().units().totalWru()),
                result.perRecord(result.measured().units().tableWru()),
                result.perRecord(result.measured().units().indexWru()),
                result.perRecord(result.measured().units().failedConditionWru()),
                result.perRecord(result.measured().units().rru()),
                result.perRecord(result.powertools().units().totalWru()),
                result.perRecord(result.naive().units().totalWru()), seconds(start)));
    }

    private void coldStart(EmulatorStack stack, BenchReport report) throws Exception {
        ColdStartBenchmark benchmark = new ColdStartBenchmark(stack, projectRoot, benchTarget.resolve("coldstart"),
                benchTarget.resolve("coldstart-lib"), logs);
        for (BenchFunction function : functions) {
            say("cold start " + function.id());
            ColdStartBenchmark.Result result = benchmark.run(function, settings.coldStartRuns());
            say(String.format(Locale.ROOT, "  function %.0f ms, bare handler %.0f ms, ratio %.2f",
                    result.functionMedianMillis(), result.helloMedianMillis(), result.ratio()));
            report.add(result);
        }
    }

    private void raw(EmulatorStack stack, BenchReport report) {
        List<WorkloadRecord> mixed = new ArrayList<>();
        for (BenchFunction function : BenchFunction.values()) {
            mixed.addAll(workload(function).first(settings.rawKinesisRecords() / 3 + 1));
        }
        List<WorkloadRecord> kinesisRecords = mixed.subList(0, Math.min(mixed.size(), settings.rawKinesisRecords()));
        List<WorkloadRecord> dynamoRecords = mixed.subList(0, Math.min(mixed.size(), settings.rawDynamoItems()));
        say("raw throughput of the emulators");
        RawThroughput.Result result = RawThroughput.measure(stack, kinesisRecords, dynamoRecords);
        say(String.format(Locale.ROOT, "  kinesis-local %.0f records/s, dynalite %.0f items/s",
                result.kinesisRecordsPerSecond(), result.dynamoItemsPerSecond()));
        report.raw(result);
    }

    private void demo(BenchReport report) throws Exception {
        say("local stack demo, " + settings.demoRecords() + " records");
        DemoRun.Result result = DemoRun.run(projectRoot, settings.demoRecords(), settings.seed(),
                logs.resolve("demo.log"));
        say("  end to end " + result.output().endToEndRate().map(r -> Numbers.fixed(r, 0)).orElse("n/a")
                + " records/s, once flowing " + result.output().flowingRate().map(r -> Numbers.fixed(r, 0))
                .orElse("n/a") + " records/s, exit " + result.exitCode());
        report.demo(result);
    }

    private Workload workload(BenchFunction function) {
        return workloads.computeIfAbsent(function, f -> f.workload(settings.workloadRecords(), settings.seed()));
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void timed(BenchReport report, String name, Phase phase) throws Exception {
        long start = System.nanoTime();
        phase.run();
        report.phase(name, seconds(start));
        say(name + " done in " + Numbers.fixed(seconds(start), 0) + " s");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void say(String message) {
        System.out.println(String.format(Locale.ROOT, "[bench %6.1fs] %s", seconds(runStart), message));
        System.out.flush();
    }

    /** bench/target: the directory of this jar (or of target/classes when run from an IDE or a test). */
    static Path benchTarget() throws URISyntaxException {
        Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParent();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
