package com.streamproc.tools.produce;

import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.cli.ToolFailure;
import com.streamproc.tools.produce.synthetic.SyntheticTraffic;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** {@code produce}: validate events against their contracts and send them to their streams. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends events to the pipeline's streams: JSON lines from files or stdin, or synthetic traffic.",
                "Each event is checked with its function's own decoder first; invalid ones go to the rejects file.",
                "Types: orders, activity, customers."},
        footer = {"", "Exit status: 0 all sent, 1 some could not be sent, 2 bad usage, 3 some events rejected as invalid.",
                "", "Examples:",
                "  produce --generate orders=100,activity=500,customers=100 --rate 200",
                "  produce --input orders=orders.jsonl --input activity=-   (- reads stdin)",
                "  produce --generate activity=10000 --rate 2000 --aggregate   (KPL-aggregated records)"})
public final class ProduceCommand extends EnvironmentCommand {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = {"-i", "--input"}, paramLabel = "TYPE=FILE", required = true,
                description = "Read one event per line from FILE (- for stdin) as events of TYPE; repeatable")
        List<String> inputs;

        @Option(names = {"-g", "--generate"}, paramLabel = "TYPE=COUNT", split = ",", required = true,
                description = "Generate COUNT synthetic events of each TYPE, mixed in proportion, "
                        + "e.g. orders=100,activity=500,customers=100")
        Map<String, Long> generate;
    }

    @Option(names = "--envelope",
            description = "With --input: lines are {\"partitionKey\": ..., \"data\": {...}} (or \"rawData\"), "
                    + "as in the sample sources under events/; the line's partition key is used")
    boolean envelope;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Send at most this many records per second (default: unlimited for --input, 100 for --generate)")
    Double rate;

    @Option(names = "--allow-invalid",
            description = "Send events that break their contract anyway (to test the quarantine); "
                    + "they are counted as sent (invalid=N)")
    boolean allowInvalid;

    @Option(names = "--invalid-percent", paramLabel = "P", defaultValue = "0",
            description = "With --generate: break this share of events on purpose (default: ${DEFAULT-VALUE})")
    double invalidPercent;

    @Option(names = "--seed", paramLabel = "N", description = "With --generate: random seed, for repeatable traffic")
    Long seed;

    @Option(names = "--key-skew", paramLabel = "S",
            description = "With --generate: the Zipf exponent of the most active keys (users, customers), 0..10; "
                    + "0 is uniform (default: each function's typical skew)")
    Double keySkew;

    @Option(names = "--duplicate-percent", paramLabel = "P", defaultValue = "0",
            description = "With --generate: send this share of events twice, as a producer's retry would, 0..50 "
                    + "(default: ${DEFAULT-VALUE})")
    double duplicatePercent;

    @Option(names = "--late-percent", paramLabel = "P", defaultValue = "0",
            description = "With --generate: send this share of events out of order (late), 0..100 "
                    + "(default: ${DEFAULT-VALUE})")
    double latePercent;

    @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "produce-rejects.jsonl",
            description = "Where rejected events go, with their reasons (default: ${DEFAULT-VALUE}; created only if needed)")
    Path rejectsFile;

    @Option(names = "--unsent", paramLabel = "FILE", defaultValue = "produce-unsent.jsonl",
            description = "Where events Kinesis did not take go (default: ${DEFAULT-VALUE}; created only if needed)")
    Path unsentFile;

    @Option(names = "--stream-name", paramLabel = "TYPE=NAME",
            description = "The stream of one function's events, instead of its template name (<env>-orders, ...); "
                    + "repeatable")
    Map<String, String> streamOverrides;

    @Option(names = "--linger", paramLabel = "MILLIS", defaultValue = "100",
            description = "Send a partly filled request once its oldest record waited this long (default: ${DEFAULT-VALUE})")
    long lingerMillis;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "10",
            description = "PutRecords attempts per record before it counts as failed (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--no-key-order",
            description = "Allow several records of one partition key per request: fuller requests, but a retried "
                    + "record may land after a later one of its key")
    boolean noKeyOrder;

    @Option(names = "--aggregate",
            description = "Pack events into records in the Kinesis Producer Library's aggregation format: several "
                    + "events per Kinesis record, up to its 1 MiB limit, grouped by the shard their partition key "
                    + "hashes to and sent with an explicit hash key in that shard's range. Counts and reports "
                    + "stay per event")
    boolean aggregate;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        validateOptions();
        ToolContext context = context();
        Map<PipelineFunction, String> streams = streamNames();
        List<Input> inputs = source.inputs != null ? parseInputs() : List.of();
        Map<PipelineFunction, Long> counts = source.generate != null ? parseCounts() : Map.of();
        Set<PipelineFunction> targets = new TreeSet<>();
        inputs.forEach(input -> targets.add(input.function));
        targets.addAll(counts.keySet());
        inputs.forEach(Input::checkReadable);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<PipelineFunction, EventContract> contracts = context.contracts().get();
        try (KinesisClient kinesis = context.aws().kinesis();
             JsonLinesProduceReport report = new JsonLinesProduceReport(rejectsFile, unsentFile)) {
            Map<String, ShardMap> shardMaps = new LinkedHashMap<>();
            for (PipelineFunction function : targets) {
                checkStream(kinesis, streams.get(function), function);
                if (aggregate) {
                    shardMaps.put(streams.get(function), ShardMap.load(kinesis, streams.get(function)));
                }
            }
            RetryPolicy defaults = PutRecordsSender.DEFAULT_POLICY;
            PutRecordsSender sender = new PutRecordsSender(kinesis,
                    new RetryPolicy(maxAttempts, defaults.baseDelay(), defaults.maxDelay()), Sleeper.REAL,
                    RandomGenerator.getDefault());
            Double effectiveRate = rate != null ? rate : (source.generate != null ? Double.valueOf(100) : null);
            RateLimiter limiter = effectiveRate == null ? null : Pacing.perSecond(effectiveRate);
            ProduceStats stats = new ProduceStats();
            Producer producer = new Producer(contracts, streams::get, sender, RequestBatcher.standard(!noKeyOrder),
                    limiter, report, stats, allowInvalid, Duration.ofMillis(lingerMillis), System::nanoTime);
            if (aggregate) {
                producer.aggregating(new RecordAggregator(shardMaps::get));
            }
            Iterator<InputEvent> events = source.generate != null
                    ? new SyntheticTraffic(counts, seed != null ? seed : System.nanoTime(), invalidPercent,
                    new SyntheticTraffic.Knobs(keySkew, duplicatePercent / 100, latePercent / 100), context.clock())
                    : concat(inputs, context.stdin(), envelope);
            ProduceStats.Snapshot result;
            // Whoever comes first says how it ended: the run, or a Ctrl-C (SIGINT/SIGTERM) through this hook.
            AtomicBoolean summarised = new AtomicBoolean();
            CountDownLatch summaryWritten = new CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                if (summarised.compareAndSet(false, true)) {
                    interrupted(stats, report, err);
                } else {
                    awaitQuietly(summaryWritten); // the run's own lines are being written: let them out whole
                }
            }, "produce-interrupted");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                try (ProgressLine ignored = quiet ? null : ProgressLine.start(stats, err, System::nanoTime)) {
                    result = producer.run(events);
                }
                if (!summarised.compareAndSet(false, true)) {
                    return ExitCodes.FAILED; // interrupted: the hook has said so
                }
                out.println(result.counts());
                out.flush();
                if (report.wroteRejects()) {
                    err.println("produce: " + result.rejected() + " rejected event(s) with reasons in " + rejectsFile);
                }
                if (report.wroteUnsent()) {
                    err.println("produce: " + result.failed() + " event(s) not sent, listed in " + unsentFile);
                }
                err.flush();
                summaryWritten.countDown();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is going down; the hook runs, and prints only if nothing was said yet
                }
            }
            if (result.failed() > 0) {
                return ExitCodes.FAILED;
            }
            return result.rejected() > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ctrl-C (or SIGTERM) mid-run: say, in whole lines, how far it got. The report files need nothing: every line in
     * them is already complete on disk.
     */
    private void interrupted(ProduceStats stats, JsonLinesProduceReport report, PrintWriter err) {
        ProduceStats.Snapshot now = stats.snapshot();
        long notSent = Math.max(0, now.read() - now.sent() - now.rejected() - now.failed());
        StringBuilder line = new StringBuilder("produce: interrupted: ").append(now.counts());
        if (notSent > 0) {
            line.append("; ").append(notSent).append(" event(s) read but not sent (not listed)");
        }
        if (report.wroteRejects()) {
            line.append("; rejected in ").append(rejectsFile);
        }
        if (report.wroteUnsent()) {
            line.append("; not sent in ").append(unsentFile);
        }
        err.println(line);
        err.flush();
    }

    private void validateOptions() {
        if (source == null) {
            throw usageError("say what to send: --input TYPE=FILE (repeatable) or --generate TYPE=COUNT,...");
        }
        if (rate != null && (!(rate > 0) || rate.isInfinite())) {
            throw usageError("--rate must be a positive number (got " + rate + ")");
        }
        if (invalidPercent < 0 || invalidPercent > 100) {
            throw usageError("--invalid-percent must be 0..100");
        }
        if (envelope && source.generate != null) {
            throw usageError("--envelope only goes with --input");
        }
        if (invalidPercent > 0 && source.generate == null) {
            throw usageError("--invalid-percent only goes with --generate");
        }
        if (keySkew != null && !(keySkew >= 0 && keySkew <= 10)) {
            throw usageError("--key-skew must be 0..10 (got " + keySkew + ")");
        }
        if (!(duplicatePercent >= 0 && duplicatePercent <= 50)) {
            throw usageError("--duplicate-percent must be 0..50 (got " + duplicatePercent + ")");
        }
        if (!(latePercent >= 0 && latePercent <= 100)) {
            throw usageError("--late-percent must be 0..100 (got " + latePercent + ")");
        }
        if ((keySkew != null || duplicatePercent > 0 || latePercent > 0) && source.generate == null) {
            throw usageError("--key-skew, --duplicate-percent and --late-percent only go with --generate");
        }
        if (lingerMillis < 0) {
            throw usageError("--linger must not be negative");
        }
        if (maxAttempts < 1) {
            throw usageError("--max-attempts must be at least 1");
        }
    }

    private Map<PipelineFunction, String> streamNames() {
        Map<PipelineFunction, String> names = new TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            names.put(function, function.streamName(environment.env()));
        }
        if (streamOverrides != null) {
            streamOverrides.forEach((type, name) -> names.put(type(type, "--stream-name"), name));
        }
        return names;
    }

    private PipelineFunction type(String text, String option) {
        try {
            return PipelineFunction.parse(text);
        } catch (IllegalArgumentException e) {
            throw usageError(option + ": " + e.getMessage());
        }
    }

    private Map<PipelineFunction, Long> parseCounts() {
        Map<PipelineFunction, Long> counts = new LinkedHashMap<>();
        source.generate.forEach((type, count) -> {
            if (count == null || count < 0) {
                throw usageError("--generate: count for " + type + " must be 0 or more");
            }
            counts.merge(type(type, "--generate"), count, Long::sum);
        });
        return counts;
    }

    /** One {@code --input TYPE=FILE}. */
    private record Input(PipelineFunction function, String file) {
        boolean stdin() {
            return file.equals("-");
        }

        void checkReadable() {
            if (!stdin() && !Files.isReadable(Path.of(file))) {
                throw new ToolFailure("cannot read input file " + file);
            }
        }
    }

    private List<Input> parseInputs() {
        List<Input> inputs = new ArrayList<>();
        for (String text : source.inputs) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw usageError("--input needs TYPE=FILE, e.g. orders=orders.jsonl or activity=- (got '" + text + "')");
            }
            inputs.add(new Input(type(text.substring(0, eq), "--input"), text.substring(eq + 1)));
        }
        if (inputs.stream().filter(Input::stdin).count() > 1) {
            throw usageError("--input: stdin (-) can be read only once");
        }
        return inputs;
    }

    /** The inputs one after another, each opened when its turn comes and closed at its end. */
    private static Iterator<InputEvent> concat(List<Input> inputs, InputStream stdin, boolean envelopes) {
        return new Iterator<>() {
            private int index = -1;
            private InputStream open;
            private JsonLinesInput current;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    closeCurrent();
                    if (++index >= inputs.size()) {
                        return false;
                    }
                    Input input = inputs.get(index);
                    try {
                        open = input.stdin() ? stdin : new BufferedInputStream(Files.newInputStream(Path.of(input.file)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open " + input.file, e);
                    }
                    InputStream in = input.stdin() ? new BufferedInputStream(stdin) : open;
                    current = new JsonLinesInput(input.function, input.stdin() ? "stdin" : input.file, in, envelopes);
                }
                return true;
            }

            @Override
            public InputEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            private void closeCurrent() {
                if (open != null && open != stdin) {
                    try {
                        open.close();
                    } catch (IOException e) {
                        // read to the end already; nothing was lost
                    }
                }
                open = null;
                current = null;
            }
        };
    }

    /** Fails early, with the stream's name, when it does not exist or cannot be reached. */
    private void checkStream(KinesisClient kinesis, String stream, PipelineFunction function) {
        try {
            kinesis.describeStreamSummary(b -> b.streamName(stream));
        } catch (ResourceNotFoundException e) {
            throw new ToolFailure("stream " + stream + " does not exist (for " + function.eventType() + " events; "
                    + "check --env '" + environment.env() + "' or pass the stream name)");
        }
    }
}
