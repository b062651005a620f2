package com.streamproc.local.demo;

import com.streamproc.local.stack.LocalStack;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.local.template.LocalTemplate;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo: realistic traffic for the three streams through the whole local pipeline, live progress, then proof
 * that every record is accounted for, and the analysts' questions answered from the tables.
 */
public final class Demo {

    /** Options of a run. */
    public record Options(int records, long seed, Duration timeout, int environmentsPerFunction,
                          Map<String, String> parameterOverrides) {
    }

    /**
     * A function of the demo, as its descriptor (loaded from its own deployment zip) describes it, with its traffic
     * generator (from its module jar) and its share of the demo's records.
     */
    private record Target(String logicalId, String name, String label, String tableVariable, FunctionCode code,
                          FunctionCode.Generator traffic, double share) {
    }

    private final StackPaths paths;
    private final Options options;
    private final PrintStream out;

    public Demo(StackPaths paths, Options options, PrintStream out) {
        this.paths = paths;
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; true when every record was accounted for. */
    public boolean run() throws Exception {
        long startNanos = System.nanoTime();
        LocalTemplate template = LocalTemplate.read(paths.template(), options.parameterOverrides());
        List<Target> targets = targets(template);
        try {
            return run(template, targets, startNanos);
        } finally {
            for (Target target : targets) {
                target.code().close();
            }
        }
    }

    private boolean run(LocalTemplate template, List<Target> targets, long startNanos) throws Exception {
        if (targets.isEmpty()) {
            throw new IllegalStateException("no function in " + paths.templateName() + " has demo traffic");
        }
        for (Target target : targets) {
            java.nio.file.Files.deleteIfExists(paths.failures(target.logicalId()));
        }

        Map<String, List<DemoRecord>> traffic = generate(targets);
        int total = traffic.values().stream().mapToInt(List::size).sum();
        try (LocalStack stack = LocalStack.start(paths, options.parameterOverrides(), false,
                message -> out.println("[demo] " + message))) {
            List<LocalStack.RunningMapping> mappings = stack.startFunctions(options.environmentsPerFunction(),
                    message -> out.println("[demo] " + message));
            out.println("[demo] " + targets.size() + " functions started, each in its own JVM on first use; logs in "
                    + paths.projectRoot().relativize(paths.logs()));
            Map<String, String> streams = new LinkedHashMap<>();
            Map<String, LocalStack.RunningMapping> mappingOf = new LinkedHashMap<>();
            for (Target target : targets) {
                LocalStack.RunningMapping mapping = mappings.stream()
                        .filter(m -> m.function().logicalId().equals(target.logicalId())).findFirst()
                        .orElseThrow(() -> new IllegalStateException(target.logicalId() + " has no Kinesis event source"));
                mappingOf.put(target.logicalId(), mapping);
                streams.put(target.logicalId(), mapping.source().streamName());
            }
            out.println("[demo] producing " + total + " records: " + describe(traffic, targets));

            Producer producer = new Producer(stack.kinesis(), streams);
            Accounting accounting = new Accounting(stack.dynamoDb());
            AtomicReference<List<Producer.Produced>> produced = new AtomicReference<>();
            AtomicReference<Exception> producerError = new AtomicReference<>();
            Thread producing = new Thread(() -> {
                try {
                    List<List<DemoRecord>> lists = targets.stream().map(t -> traffic.get(t.logicalId())).toList();
                    produced.set(producer.putAll(lists));
                } catch (Exception e) {
                    producerError.set(e);
                }
            }, "demo-producer");
            producing.setDaemon(true);
            producing.start();

            Map<String, Set<String>> shards = new LinkedHashMap<>();
            for (Target target : targets) {
                Set<String> ids = new TreeSet<>(new com.streamproc.local.stack.KinesisShards(stack.kinesis(),
                        streams.get(target.logicalId())).shardIds());
                shards.put(target.logicalId(), ids);
            }
            long deadline = System.nanoTime() + options.timeout().toNanos();
            boolean drained = false;
            while (System.nanoTime() < deadline) {
                Thread.sleep(2_000);
                if (producerError.get() != null) {
                    throw producerError.get();
                }
                boolean producing_ = produced.get() == null;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.1fs] produced %d/%d",
                        (System.nanoTime() - startNanos) / 1e9, producer.produced(), total));
                drained = !producing_;
                for (Target target : targets) {
                    LocalStack.RunningMapping m = mappingOf.get(target.logicalId());
                    long made = producer.produced(target.logicalId());
                    long done = m.counters().succeeded() + m.counters().discarded() + m.counters().filtered();
                    String quarantineTable = table(template, target.logicalId(), "QUARANTINE_TABLE");
                    long quarantined = accounting.quarantinedCount(quarantineTable, shards.get(target.logicalId()));
                    line.append(String.format(Locale.ROOT, " | %s %d/%d done, %d quarantined, %d failed, lag %d",
                            target.label(), m.counters().succeeded(), traffic.get(target.logicalId()).size(),
                            quarantined, m.counters().discarded(), Math.max(0, made - done)));
                    if (m.counters().retriedBatches() > 0) {
                        line.append(", ").append(m.counters().retriedBatches()).append(" retried");
                    }
                    drained &= done >= traffic.get(target.logicalId()).size();
                }
                out.println(line);
                if (drained) {
                    break;
                }
            }
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            if (!drained) {
                out.println("[demo] FAILED: not every record was processed within " + options.timeout().toSeconds()
                        + " s (see " + paths.projectRoot().relativize(paths.logs()) + ")");
                for (Target target : targets) {
                    out.println("[demo]   " + mappingOf.get(target.logicalId()).status());
                }
                return false;
            }
            out.println();
            boolean complete = summarize(template, targets, mappingOf, produced.get(), accounting, elapsed, total,
                    producer.retried(), stack.dynamoDbEndpoint(), stack.region());
            answer(stack, template, targets, traffic);
            out.println();
            out.println(complete
                    ? String.format(Locale.ROOT, "[demo] OK: all %d records accounted for in %.1f s", total, elapsed)
                    : "[demo] FAILED: some records are neither applied, quarantined nor in a failure destination");
            return complete;
        }
    }

    /**
     * The template's functions with a Kinesis source, each described by the descriptor in its own deployment zip;
     * a function without a traffic generator ({@code StreamTraffic} in its module jar) is named and left out.
     */
    private List<Target> targets(LocalTemplate template) throws Exception {
        List<Target> targets = new ArrayList<>();
        for (LocalTemplate.LocalFunction function : template.functions()) {
            if (function.kinesisSources().isEmpty()) {
                continue;
            }
            String logicalId = function.definition().logicalId();
            var zip = function.definition().codeZip();
            if (!java.nio.file.Files.isRegularFile(zip)) {
                throw new IllegalStateException("the deployment zip " + paths.projectRoot().relativize(zip)
                        + " does not exist: run `mvn -q -DskipTests package` first");
            }
            FunctionCode code = FunctionCode.open(zip, functionDirectory(logicalId));
            try {
                if (!code.logicalId().equals(logicalId)) {
                    throw new IllegalStateException(logicalId + "'s zip holds the descriptor of " + code.logicalId());
                }
                var traffic = code.traffic();
                if (traffic.isEmpty()) {
                    out.println("[demo] " + logicalId + " (" + code.name() + ") has no traffic generator in its module"
                            + " jar: left out");
                    code.close();
                    continue;
                }
                targets.add(new Target(logicalId, code.name(), code.eventType(), code.tableVariable(), code,
                        traffic.get(), traffic.get().share()));
            } catch (Exception | LinkageError e) {
                code.close();
                for (Target target : targets) {
                    target.code().close();
                }
                throw e;
            }
        }
        return targets;
    }

    private java.nio.file.Path functionDirectory(String logicalId) {
        return paths.state().resolve("functions").resolve(logicalId);
    }

    private Map<String, List<DemoRecord>> generate(List<Target> targets) throws Exception {
        Random random = new Random(options.seed());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double shares = targets.stream().mapToDouble(Target::share).sum();
        Map<String, List<DemoRecord>> traffic = new LinkedHashMap<>();
        int assigned = 0;
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            int count = i == targets.size() - 1 ? options.records() - assigned
                    : (int) Math.round(options.records() * target.share() / shares);
            assigned += count;
            FunctionCode.Generated generated = target.traffic().typicalEndingAt(count, random.nextLong(), now);
            List<DemoRecord> records = new ArrayList<>(generated.records().size());
            for (Object record : generated.records()) {
                FunctionCode code = target.code();
                records.add(new DemoRecord(target.logicalId(), code.partitionKey(record), code.data(record),
                        code.expected(record), record));
            }
            traffic.put(target.logicalId(), records);
            examples.put(target.logicalId(), generated.examples());
        }
        return traffic;
    }

    /** Keys in each function's traffic, for its analyst questions. */
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    private static String describe(Map<String, List<DemoRecord>> traffic, List<Target> targets) {
        List<String> parts = new ArrayList<>();
        for (Target target : targets) {
            List<DemoRecord> records = traffic.get(target.logicalId());
            long poison = records.stream().filter(DemoRecord::expectedPoison).count();
            long duplicates = records.stream().filter(r -> r.expected().equals("duplicate")).count();
            parts.add(target.label() + " " + records.size() + " (" + duplicates + " duplicates, " + poison
                    + " poison)");
        }
        return String.join(", ", parts);
    }

    private static String table(LocalTemplate template, String function, String variable) {
        String name = template.function(function).definition().environment().get(variable);
        if (name == null) {
            throw new IllegalStateException(function + " has no " + variable + " in the template");
        }
        return name;
    }

    private boolean summarize(LocalTemplate template, List<Target> targets,
                              Map<String, LocalStack.RunningMapping> mappingOf, List<Producer.Produced> produced,
                              Accounting accounting, double elapsed, int total, long producerRetries,
                              java.net.URI endpoint, String region) throws Exception {
        boolean complete = true;
        out.println(String.format(Locale.ROOT, "Summary (%.1f s, %.0f records/s end to end%s)", elapsed,
                total / elapsed, producerRetries > 0 ? ", " + producerRetries + " PutRecords entries retried" : ""));
        out.println(String.format(Locale.ROOT, "  %-10s %8s %8s %11s %12s %7s %13s %12s %11s",
                "function", "produced", "applied", "duplicates", "quarantined", "failed", "unaccounted",
                "invocations", "cold starts"));
        List<Accounting.Report> reports = new ArrayList<>();
        for (Target target : targets) {
            List<Producer.Produced> mine = produced.stream()
                    .filter(p -> p.record().function().equals(target.logicalId())).toList();
            LocalStack.RunningMapping m = mappingOf.get(target.logicalId());
            String table = table(template, target.logicalId(), target.tableVariable());
            Accounting.Report report = accounting.account(target.logicalId(), mine,
                    records -> target.code().applied(endpoint, region, table,
                            records.stream().map(p -> p.record().generated()).toList(),
                            records.stream().map(Producer.Produced::shardId).toList(),
                            records.stream().map(Producer.Produced::sequenceNumber).toList()),
                    table(template, target.logicalId(), "QUARANTINE_TABLE"), m.failureFile());
            reports.add(report);
            complete &= report.complete();
            out.println(String.format(Locale.ROOT, "  %-10s %8d %8d %11d %12d %7d %13d %12d %11d",
                    target.label(), report.produced(), report.applied(), report.duplicates(), report.quarantined(),
                    report.failed(), report.unaccounted().size(), m.counters().invocations(), m.pool().coldStarts()));
        }
        for (Accounting.Report report : reports) {
            out.println("  " + report.function() + " quarantine reasons: " + report.quarantineReasons());
            report.unaccounted().stream().limit(5).forEach(u -> out.println("    unaccounted: " + u));
            if (!report.mismatches().isEmpty()) {
                out.println("    " + report.mismatches().size() + " outcomes differ from the generator's expectation,"
                        + " e.g. " + report.mismatches().get(0));
            }
        }
        return complete;
    }

    private void answer(LocalStack stack, LocalTemplate template, List<Target> targets,
                        Map<String, List<DemoRecord>> traffic) {
        out.println();
        out.println("Analyst questions (answered by the functions' own query classes, Query/GetItem only):");
        for (Target target : targets) {
            try {
                var answers = target.code().answers(stack.dynamoDbEndpoint(), stack.region(),
                        template.function(target.logicalId()).definition().environment(),
                        examples.getOrDefault(target.logicalId(), List.of()));
                if (answers.isEmpty()) {
                    out.println("  " + target.label() + ": no analyst questions declared");
                }
                answers.orElse(List.of()).forEach(line ->
                        out.println(String.format(Locale.ROOT, "  %-9s %s", target.label(), line)));
            } catch (Exception | LinkageError e) {
                out.println("  " + target.label() + ": query classes not usable here (" + e + ")");
            }
        }
    }
}
