package com.streamproc.bench;

import com.streamproc.bench.coldstart.ColdStartBenchmark;
import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.cost.CostBenchmark;
import com.streamproc.bench.cost.Prices;
import com.streamproc.bench.cpu.CpuRunner;
import com.streamproc.bench.headroom.HeadroomBenchmark;
import com.streamproc.bench.latency.LatencyBenchmark;
import com.streamproc.bench.pipeline.DemoRun;
import com.streamproc.bench.pipeline.RawThroughput;
import com.streamproc.bench.report.Check;
import com.streamproc.bench.report.MachineInfo;
import com.streamproc.bench.report.MarkdownTable;
import com.streamproc.bench.report.Numbers;
import com.streamproc.bench.report.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, rendered as the generated part of BENCHMARKS.md. */
public final class BenchReport {
    /** What one shard's event source sustains ÷ the shard's ingest limit. */
    public static final Target HEADROOM_TARGET = Target.atLeast(5, "×");
    public static final Target LATENCY_TARGET = Target.ratio(1.5);
    public static final Target COLD_START_TARGET = Target.ratio(2.5);
    /** Deployment artifact size, in MiB (Lambda's quotas count MB as 2^20 bytes). */
    public static final Target ARTIFACT_TARGET = Target.atMost(10, "MiB");

    private final Settings settings;
    private final String command;
    private final List<CpuRunner.Result> cpu = new ArrayList<>();

    private final List<CostBenchmark.Result> cost = new ArrayList<>();
    private final List<HeadroomBenchmark.Result> headroom = new ArrayList<>();
    private final Map<BenchFunction, FunctionSettings> templateSettings = new LinkedHashMap<>();
    private final List<LatencyBenchmark.Result> latency = new ArrayList<>();
    private final List<ColdStartBenchmark.Result> coldStart = new ArrayList<>();
    private RawThroughput.Result raw;
    private DemoRun.Result demo;
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private String startedAt = "";
    private double totalSeconds;
    private Optional<double[]> loadBefore = Optional.empty();
    private Optional<double[]> loadAfter = Optional.empty();
    private final List<String> notes = new ArrayList<>();

    public BenchReport(Settings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    public void started(String isoInstant, Optional<double[]> load) {
        this.startedAt = isoInstant;
        this.loadBefore = load;
    }

    public void finished(double seconds, Optional<double[]> load) {
        this.totalSeconds = seconds;
        this.loadAfter = load;
    }

    public void phase(String name, double seconds) {
        phaseSeconds.put(name, seconds);
    }

    public void note(String note) {
        notes.add(note);
    }

    public void add(CpuRunner.Result result) {
        cpu.add(result);
    }

    public void add(CostBenchmark.Result result) {
        cost.add(result);
    }

    /** The template's settings of a function (batch size, memory, architecture, ...). */
    public void templateSettings(BenchFunction function, FunctionSettings settings) {
        templateSettings.put(function, settings);
    }

    public void add(HeadroomBenchmark.Result result) {
        headroom.add(result);
    }

    /** The headroom result of a function, which also gives its Lambda duration per record. */
    public Optional<HeadroomBenchmark.Result> headroomOf(BenchFunction function) {
        return headroom.stream().filter(h -> h.function() == function).findFirst();
    }

    public void addLatency(List<LatencyBenchmark.Result> results) {
        latency.addAll(results);
    }

    public void add(ColdStartBenchmark.Result result) {
        coldStart.add(result);
    }

    public void raw(RawThroughput.Result result) {
        this.raw = result;
    }

    public void demo(DemoRun.Result result) {
        this.demo = result;
    }

    /** Every target of the run with its measured value. */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (CostBenchmark.Result r : cost) {
            if (!r.variant().isEmpty()) {
                continue;
            }
            checks.add(new Check("2 DynamoDB write requests/record", r.function().id(), r.writeRequestsPerRecord(),
                    Numbers.fixed(r.writeRequestsPerRecord(), 3), r.function().costTarget()));
            if (r.function().wruTarget().isPresent()) {
                double wru = r.perRecord(r.measured().units().totalWru());
                checks.add(new Check("2 DynamoDB total WRU/record (table + indexes + failed conditions)",
                        r.function().id(), wru, Numbers.fixed(wru, 2), r.function().wruTarget().get()));
            }
        }
        for (HeadroomBenchmark.Result r : headroom) {
            checks.add(new Check("6 shard headroom (sustained ÷ 1,000 records/s)", r.function().id(), r.headroom(),
                    Numbers.ratio(r.headroom()), HEADROOM_TARGET));
        }
        for (LatencyBenchmark.Result r : latency) {
            checks.add(new Check("3 batch latency vs ideal, " + Numbers.grouped(r.batchSize()) + " records",
                    r.function().id(), r.ratio(), Numbers.ratio(r.ratio()), LATENCY_TARGET));
        }
        for (ColdStartBenchmark.Result r : coldStart) {
            checks.add(new Check("4 cold start vs bare handler", r.function().id(), r.ratio(),
                    Numbers.ratio(r.ratio()), COLD_START_TARGET));
            double mib = r.artifactBytes() / (1024.0 * 1024.0);
            checks.add(new Check("4 deployment artifact size", r.function().id(), mib, Numbers.fixed(mib, 2) + " MiB",
                    ARTIFACT_TARGET));
        }
        return checks;
    }

    public String render(MachineInfo machine) {
        StringBuilder out = new StringBuilder();
        out.append("## Results\n\n");
        out.append("Measured ").append(startedAt).append(" with `").append(command).append("` (settings: ")
                .append(settings.name()).append("); the run took ")
                .append(Numbers.fixed(totalSeconds / 60, 1)).append(" min.\n\n");
        machine(out, machine);
        summary(out);
        cpu(out);
        cost(out);
        headroom(out);
        latency(out);
        coldStart(out);
        pipeline(out);
        timings(out);
        return out.toString();
    }

    private void machine(StringBuilder out, MachineInfo machine) {
        out.append("### Machine\n\n");
        MarkdownTable table = new MarkdownTable("", "");
        table.row("CPU", machine.cpuModel() + ", " + machine.cores() + " logical cores (/proc/cpuinfo)");
        table.row("Memory", machine.memory());
        table.row("JDK", machine.jdk());
        table.row("OS", machine.os());
        table.row("Load average at start", MachineInfo.describeLoad(loadBefore));
        table.row("Load average at end", MachineInfo.describeLoad(loadAfter));
        out.append(table.render()).append('\n');
        boolean busy = loadBefore.map(l -> l[0] > 0.5).orElse(false);
        out.append(busy
                ? "Other processes were running when the run started (1-minute load above 0.5 before the first "
                        + "benchmark): absolute figures are pessimistic; each ratio compares two measurements taken "
                        + "in the same run under the same load.\n\n"
                : "The machine was idle when the run started (1-minute load at most 0.5).\n\n");
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        if (!notes.isEmpty()) {
            out.append('\n');
        }
    }

    private void summary(StringBuilder out) {
        out.append("### Targets\n\n");
        MarkdownTable table = new MarkdownTable("measure", "function", "measured", "target", "result");
        for (Check check : checks()) {
            table.row(check.measure(), check.subject(), check.shown(), check.target().describe(), check.verdict());
        }
        out.append(table.render()).append('\n');
        long missed = checks().stream().filter(c -> !c.met()).count();
        out.append(missed == 0 ? "Every target is met.\n\n"
                : missed + " of " + checks().size() + " targets missed; the analysis below says why.\n\n");
    }

    private void cpu(StringBuilder out) {
        if (cpu.isEmpty()) {
            return;
        }
        out.append("### 1. CPU per record (JMH)\n\n");
        out.append("One batch of 1,000 records of each function's workload (seed ").append(settings.seed())
                .append(") through the whole batch path (decode, validation, fold/aggregate/merge, item building, "
                        + "the batch core's bookkeeping), DynamoDB replaced by an in-memory map, one key at a time; "
                        + "\"decoder alone\" is the function's decoder over the same payloads; \"batch core alone\" is "
                        + "`BatchProcessor` on the same batch with a pass-through decoder and an applier that only "
                        + "marks records applied; baseline: `ObjectMapper.readTree` of the same payload bytes. All "
                        + "four run in the same JVM, one after the other (JMH with forking off, inside one child JVM "
                        + "per function and flag set).\n\n");
        MarkdownTable table = new MarkdownTable("function", "JVM flags", "function ns/record", "function records/s",
                "decoder alone ns/record", "batch core alone ns/record", "readTree ns/record", "readTree records/s",
                "decoder vs readTree", "batch core vs readTree", "function vs readTree", "CPU ms per template batch");
        for (CpuRunner.Result r : cpu) {
            FunctionSettings template = templateSettings.get(r.function());
            table.row(r.function().id(), r.flags().name(), withError(r.processing()),
                    Numbers.grouped(Math.round(r.recordsPerSecond())), withError(r.decode()), withError(r.core()),
                    withError(r.raw()), Numbers.grouped(Math.round(r.rawRecordsPerSecond())),
                    Numbers.ratio(r.decodeRatio()), Numbers.ratio(r.coreRatio()), Numbers.ratio(r.ratio()),
                    template == null ? "n/a" : Numbers.fixed(r.processing().nanosPerRecord() * template.batchSize()
                            / 1e6, 1) + " (" + Numbers.grouped(template.batchSize()) + " records)");
        }
        out.append(table.render()).append('\n');
        for (CpuRunner.Flags flags : settings.cpuFlags()) {
            out.append("- `").append(flags.name()).append("`: `").append(String.join(" ", flags.jvmArgs()))
                    .append("`; JMH ").append(flags.iterations().describe()).append(".\n");
        }
        out.append("- Scores are averages with JMH's 99.9 % error margin (±); `lambda-c1` is what the template "
                + "runs. No target: CPU is a small part of the bill (see the all-in cost).\n\n");
    }

    private static String withError(CpuRunner.Score score) {
        return Numbers.fixed(score.nanosPerRecord(), 0) + " ± " + Numbers.fixed(score.error(), 0);
    }

    private void cost(StringBuilder out) {
        if (cost.isEmpty()) {
            return;
        }
        out.append("### 2. The whole DynamoDB bill, and dollars per million records\n\n");
        out.append("Every function and both baselines process the same seeded records on dynalite, each on its own "
                + "fresh copy of the function's tables from `sam-template.yaml` (indexes and quarantine table "
                + "included); `CapacityMeter` bills every request it sees with the Developer Guide's rules "
                + "(`DynamoDbBill`, see \"How the bill is computed\" above). Batches: the template's `BatchSize`. "
                + "Dollars: DynamoDB on-demand units plus Lambda duration (the template's memory and architecture, "
                + "duration per record from the headroom run at 10 ms per DynamoDB request) and one invocation per "
                + "batch, at the list prices given above. The baselines' Lambda duration is modelled: their "
                + "requests one after the other at 10 ms each.\n\n");
        out.append("### All-in cost per record\n\n");
        MarkdownTable table = new MarkdownTable("function", "batch", "table WRU/record", "GSI WRU/record",
                "RRU/record", "failed-condition WRU/record", "total WRU/record", "$/M records", "Powertools $/M",
                "naive $/M");
        for (CostBenchmark.Result r : cost) {
            DynamoDbBill.Tally u = r.measured().units();
            table.row(r.label(), Numbers.grouped(r.batchSize()), Numbers.fixed(r.perRecord(u.tableWru()), 2),
                    Numbers.fixed(r.perRecord(u.indexWru()), 2), Numbers.fixed(r.perRecord(u.rru()), 2),
                    Numbers.fixed(r.perRecord(u.failedConditionWru()), 3),
                    Numbers.fixed(r.perRecord(u.totalWru()), 2),
                    dollars(r, r.measured(), lambdaMillisPerRecord(r)),
                    dollars(r, r.powertools(), modelledMillisPerRecord(r, r.powertools())),
                    dollars(r, r.naive(), modelledMillisPerRecord(r, r.naive())));
        }
        out.append(table.render()).append('\n');

        out.append("Per design, per record (requests and units; GSI units by index):\n\n");
        MarkdownTable detail = new MarkdownTable("function", "design", "requests/record", "table WRU", "GSI WRU",
                "RRU", "failed-condition WRU", "total WRU", "DynamoDB $/M", "Lambda $/M", "GSI WRU by index");
        for (CostBenchmark.Result r : cost) {
            for (CostBenchmark.Design d : List.of(r.measured(), r.powertools(), r.naive())) {
                DynamoDbBill.Tally u = d.units();
                double lambdaMillis = d == r.measured() ? lambdaMillisPerRecord(r) : modelledMillisPerRecord(r, d);
                StringBuilder byIndex = new StringBuilder();
                u.indexWruByIndex().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> byIndex
                        .append(byIndex.length() == 0 ? "" : ", ").append(shortIndexName(r, e.getKey())).append(' ')
                        .append(Numbers.fixed(r.perRecord(e.getValue()), 2)));
                detail.row(r.label(), d.name(), Numbers.fixed(r.perRecord(d.requests()), 2),
                        Numbers.fixed(r.perRecord(u.tableWru()), 2), Numbers.fixed(r.perRecord(u.indexWru()), 2),
                        Numbers.fixed(r.perRecord(u.rru()), 2), Numbers.fixed(r.perRecord(u.failedConditionWru()), 3),
                        Numbers.fixed(r.perRecord(u.totalWru()), 2),
                        Numbers.fixed(Prices.dynamoDbPerMillion(r.perRecord(u.totalWru()), r.perRecord(u.rru())), 3),
                        Numbers.fixed(lambdaDollars(r, lambdaMillis), 3),
                        byIndex.length() == 0 ? "none" : byIndex.toString());
            }
        }
        out.append(detail.render()).append('\n');
        out.append("Checks and workloads:\n\n");
        for (CostBenchmark.Result r : cost) {
            CostBenchmark.Design m = r.measured();
            out.append("- ").append(r.label()).append(": ").append(r.workload().description())
                    .append("; seed ").append(r.workload().seed()).append(". Function requests by operation: ")
                    .append(m.calls()).append(". Batches ").append(r.batches()).append(", replayed after a "
                            + "reported failure ").append(r.replays()).append(", records left unprocessed ")
                    .append(r.unprocessed()).append(". Table write units: the bill's ")
                    .append(Numbers.fixed(m.units().tableWru(), 0)).append(", dynalite's `ConsumedCapacity` ")
                    .append(Numbers.fixed(m.reportedWrite(), 0)).append(unmetered(r)).append(".\n");
        }
        out.append('\n');
        MarkdownTable requests = new MarkdownTable("function", "records (batch size)", "write requests",
                "write requests/record", "read requests/record", "target", "result");
        for (CostBenchmark.Result r : cost) {
            Target target = r.function().costTarget();
            boolean main = r.variant().isEmpty();
            requests.row(r.label(), Numbers.grouped(r.records()) + " (" + Numbers.grouped(r.batchSize()) + ")",
                    Numbers.grouped(r.writeRequests()), Numbers.fixed(r.writeRequestsPerRecord(), 3),
                    Numbers.fixed(r.perRecord(r.readRequests()), 3), main ? target.describe() : "",
                    main ? target.verdict(r.writeRequestsPerRecord()) : "");
        }
        out.append("Write requests (the earlier request targets; DynamoDB bills units, not requests):\n\n");
        out.append(requests.render()).append('\n');
    }

    private static String shortIndexName(CostBenchmark.Result r, String tableAndIndex) {
        return tableAndIndex.contains("/") ? tableAndIndex.substring(tableAndIndex.indexOf('/') + 1) : tableAndIndex;
    }

    private static String unmetered(CostBenchmark.Result r) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (CostBenchmark.Design d : List.of(r.measured(), r.powertools(), r.naive())) {
            d.unmetered().forEach((k, v) -> all.merge(d.name() + " " + k, v, Long::sum));
        }
        return all.isEmpty() ? "; every request was billed" : "; NOT billed: " + all;
    }

    /** The function's Lambda milliseconds per record, from the headroom run; NaN without one. */
    private double lambdaMillisPerRecord(CostBenchmark.Result r) {
        return headroomOf(r.function()).map(HeadroomBenchmark.Result::lambdaMillisPerRecord).orElse(Double.NaN);
    }

    /** A baseline's Lambda milliseconds per record: its requests one after the other at 10 ms each. */
    private static double modelledMillisPerRecord(CostBenchmark.Result r, CostBenchmark.Design design) {
        return r.perRecord(design.requests()) * LatencyBenchmark.REQUEST_LATENCY.toMillis();
    }

    private double lambdaDollars(CostBenchmark.Result r, double millisPerRecord) {
        FunctionSettings template = templateSettings.get(r.function());
        if (template == null || Double.isNaN(millisPerRecord)) {
            return Double.NaN;
        }
        return Prices.lambdaPerMillion(millisPerRecord, template.memoryMb(), template.architecture(), r.batchSize());
    }

    private String dollars(CostBenchmark.Result r, CostBenchmark.Design design, double lambdaMillis) {
        DynamoDbBill.Tally u = design.units();
        double dynamo = Prices.dynamoDbPerMillion(r.perRecord(u.totalWru()), r.perRecord(u.rru()));
        double lambda = lambdaDollars(r, lambdaMillis);
        return Double.isNaN(lambda) ? Numbers.fixed(dynamo, 2) + " + Lambda n/a" : Numbers.fixed(dynamo + lambda, 2);
    }

    private void headroom(StringBuilder out) {
        if (headroom.isEmpty()) {
            return;
        }
        out.append("### 6. Shard headroom\n\n");
        out.append("Records per second one shard's event source sustains through a backlog with the template's "
                + "settings, against a DynamoDB stand-in adding 10 ms to every request: `ParallelizationFactor` "
                + "lanes, each its own production wiring with the template's `MAX_CONCURRENT_KEYS`, each fed the "
                + "records whose partition key hashes to it in full batches of `BatchSize` (under a backlog the "
                + "batching window never waits). Headroom = what the event source sustains ÷ a shard's ingest limit of 1,000 records/s, where "
                + "it sustains the function's rate or, if lower, the shard's read limit (2 MB/s, the cap column "
                + "for the workload's average record size). "
                + "Drain time: a one-hour outage at full ingest leaves 3.6 million records; they drain at the "
                + "surplus over the ingest that goes on. The lanes run one after the other (on Lambda each has its "
                + "own execution environment and CPU share; here they would compete for two cores); throughput = "
                + "records ÷ the longest lane's time. Each workload runs " + settings.headroomRuns()
                + " times; the median run is reported, every run's rate in the last column. Not modelled: the "
                + "event source's own polling and invoke overhead.\n\n");
        MarkdownTable table = new MarkdownTable("function", "batch", "window s", "parallelization",
                "MAX_CONCURRENT_KEYS", "records", "mean batch ms", "records/s", "headroom", "target", "result",
                "one-hour backlog drains in", "read-limit cap", "runs: records/s");
        for (HeadroomBenchmark.Result r : headroom) {
            FunctionSettings s = r.settings();
            table.row(r.function().id(), Numbers.grouped(s.batchSize()), Integer.toString(s.batchingWindowSeconds()),
                    Integer.toString(s.parallelizationFactor()), Integer.toString(s.maxConcurrentKeys()),
                    Numbers.grouped(r.records()) + (r.failedBatches() > 0 ? " (" + r.failedBatches()
                            + " batches failed)" : ""),
                    Numbers.fixed(r.meanBatchMillis(), 0), Numbers.grouped(Math.round(r.recordsPerSecond())),
                    Numbers.ratio(r.headroom()), HEADROOM_TARGET.describe(), HEADROOM_TARGET.verdict(r.headroom()),
                    r.drainTime() == null ? "never" : minutes(r.drainTime()), Numbers.ratio(r.readLimitHeadroom()),
                    String.join(", ", r.recordsPerSecondOfEachRun().stream()
                            .map(v -> Numbers.grouped(Math.round(v))).toList()));
        }
        out.append(table.render()).append('\n');
    }

    private static String minutes(java.time.Duration duration) {
        return Numbers.fixed(duration.toMillis() / 60_000.0, 0) + " min";
    }

    private void latency(StringBuilder out) {
        if (latency.isEmpty()) {
            return;
        }
        out.append("### 3. Batch latency against a DynamoDB stand-in adding 10 ms per request\n\n");
        out.append("Production wiring with `MAX_CONCURRENT_KEYS` = ")
                .append(BenchFunction.TEMPLATE_MAX_CONCURRENT_KEYS)
                .append("; ideal = ⌈requests ÷ concurrency⌉ round trips of 10 ms, and at least two (a read round, then "
                        + "a write round: every function reads an item before its conditional write); "
                        + "\"median ÷ 10 ms\" is how many round trips the batch took one after the other. "
                        + "Warm-up: the whole workload through the same code on a stand-in without delay, pass after "
                        + "pass, for ")
                .append(LatencyBenchmark.WARM_UP.toSeconds())
                .append(" s; then each size ")
                .append(LatencyBenchmark.UNMEASURED_RUNS)
                .append(" times unmeasured on the measured processor, then measured: ")
                .append(settings.describeLatencyRuns())
                .append(". Median and ")
                .append(Numbers.compact(LatencyBenchmark.TAIL_PERCENT))
                .append("th percentile (nearest rank) of the runs; the target is judged on the median. \"JIT ms\": "
                        + "compilation time the JVM (this benchmark's, the JDK's default JIT) spent while a size's "
                        + "measured runs went on; near zero means the code was compiled before they started. "
                        + "\"caller CPU ms\": CPU time of the thread that called the handler, median per batch: "
                        + "the work done in series with the round trips (decoding, deciding, the response), which "
                        + "the load of other processes on the machine barely changes, unlike the elapsed times.\n\n");
        String tail = "p" + Numbers.compact(LatencyBenchmark.TAIL_PERCENT);
        MarkdownTable table = new MarkdownTable("function", "batch", "requests", "by operation", "ideal ms",
                "median ms", tail + " ms", "median ÷ 10 ms", "ratio", tail + " ratio", "caller CPU ms", "JIT ms",
                "target", "result");
        for (LatencyBenchmark.Result r : latency) {
            table.row(r.function().id(), Numbers.grouped(r.batchSize()), Numbers.grouped(r.requests()),
                    r.operations(), Numbers.fixed(r.idealMillis(), 0),
                    Numbers.fixed(r.medianMillis(), 0) + (r.failures() > 0 ? " (" + r.failures() + " failed)" : ""),
                    Numbers.fixed(r.tailMillis(), 0), Numbers.fixed(r.medianMillis() / 10, 0),
                    Numbers.ratio(r.ratio()), Numbers.ratio(r.tailRatio()),
                    r.callerCpuMillis() < 0 ? "n/a" : Numbers.fixed(r.callerCpuMillis(), 1),
                    r.jitMillis() < 0 ? "n/a" : Long.toString(r.jitMillis()), LATENCY_TARGET.describe(),
                    LATENCY_TARGET.verdict(r.ratio()));
        }
        out.append(table.render()).append('\n');
    }

    private void coldStart(StringBuilder out) {
        if (coldStart.isEmpty()) {
            return;
        }
        out.append("### 4. Cold start\n\n");
        out.append("Fresh JVM per run (`").append(String.join(" ", ColdStartBenchmark.JVM_FLAGS))
                .append("`), class path = unpacked deployment zip (root + `lib/*`); time from process start to the "
                        + "handler's response to its first sample batch (deserialized with the Lambda runtime's "
                        + "serializer) against dynalite with fresh tables. Baseline: a bare `RequestHandler` of the "
                        + "same event type, same launcher, flags and event file. Median of ")
                .append(settings.coldStartRuns()).append(" alternating runs after one unmeasured pair.\n\n");
        MarkdownTable table = new MarkdownTable("function", "sample batch", "function ms", "bare handler ms",
                "ratio", "target", "result", "handler init ms", "first invoke ms", "artifact", "artifact target",
                "result");
        for (ColdStartBenchmark.Result r : coldStart) {
            double mib = r.artifactBytes() / (1024.0 * 1024.0);
            table.row(r.function().id(), "`" + r.eventFile() + "`", Numbers.fixed(r.functionMedianMillis(), 0),
                    Numbers.fixed(r.helloMedianMillis(), 0), Numbers.ratio(r.ratio()),
                    COLD_START_TARGET.describe(), COLD_START_TARGET.verdict(r.ratio()),
                    Numbers.fixed(r.medianInitMillis(), 0), Numbers.fixed(r.medianInvokeMillis(), 0)
                            + (r.failedResponses() > 0 ? " (" + r.failedResponses() + " reported failures)" : ""),
                    Numbers.fixed(mib, 2) + " MiB (" + Numbers.grouped(r.artifactBytes()) + " bytes)",
                    ARTIFACT_TARGET.describe(), ARTIFACT_TARGET.verdict(mib));
        }
        out.append(table.render()).append('\n');
        out.append("Largest entries of each deployment zip (jars are stored compressed already, so an entry's size "
                + "is about what it adds to the zip):\n\n");
        for (ColdStartBenchmark.Result r : coldStart) {
            out.append("- ").append(r.function().id()).append(": ").append(String.join(", ", r.largestEntries()
                    .stream().map(e -> "`" + e.name() + "` " + Numbers.mebibytes(e.bytes()) + " MiB").toList()))
                    .append('\n');
        }
        out.append('\n');
    }

    private void pipeline(StringBuilder out) {
        if (raw == null && demo == null) {
            return;
        }
        out.append("### 5. Local pipeline throughput\n\n");
        MarkdownTable table = new MarkdownTable("measure", "records/s", "note");
        if (demo != null) {
            double e2e = demo.output().endToEndRate().orElse(Double.NaN);
            double flowing = demo.output().flowingRate().orElse(Double.NaN);
            table.row("pipeline end to end (`demo --records " + demo.records() + "`)", Numbers.fixed(e2e, 0),
                    "as the demo reports it: includes starting the emulators and each function's JVM; "
                            + (demo.output().accountedFor() ? "every record accounted for"
                                    : "NOT every record accounted for (exit " + demo.exitCode() + ")"));
            table.row("pipeline once records flow", Numbers.fixed(flowing, 0),
                    "from the demo's progress lines, first processed record to the last");
            if (raw != null) {
                table.row("kinesis-local PutRecords (500/request, 1 thread)",
                        Numbers.fixed(raw.kinesisRecordsPerSecond(), 0), Numbers.grouped(raw.kinesisRecords())
                                + " records" + (raw.failedEntries() > 0 ? ", " + raw.failedEntries() + " rejected" : ""));
                table.row("dynalite PutItem loop (1 thread)", Numbers.fixed(raw.dynamoItemsPerSecond(), 0),
                        Numbers.grouped(raw.dynamoItems()) + " items");
                out.append(table.render()).append('\n');
                out.append("Pipeline once flowing ÷ dynalite PutItem rate: ")
                        .append(Numbers.ratio(Target.ratioOf(flowing, raw.dynamoItemsPerSecond())))
                        .append("; ÷ kinesis-local PutRecords rate: ")
                        .append(Numbers.ratio(Target.ratioOf(flowing, raw.kinesisRecordsPerSecond())))
                        .append(". No target: this shows how close the local stack comes to its emulators.\n\n");
                return;
            }
        } else {
            table.row("kinesis-local PutRecords (500/request, 1 thread)", Numbers.fixed(raw.kinesisRecordsPerSecond(), 0),
                    "");
            table.row("dynalite PutItem loop (1 thread)", Numbers.fixed(raw.dynamoItemsPerSecond(), 0), "");
        }
        out.append(table.render()).append('\n');
    }

    private void timings(StringBuilder out) {
        out.append("### Timings of this run\n\n");
        MarkdownTable table = new MarkdownTable("phase", "seconds");
        phaseSeconds.forEach((phase, seconds) -> table.row(phase, Numbers.fixed(seconds, 0)));
        table.row("total", Numbers.fixed(totalSeconds, 0));
        out.append(table.render());
    }
}
