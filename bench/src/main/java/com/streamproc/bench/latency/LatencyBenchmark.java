package com.streamproc.bench.latency;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.report.Numbers;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch latency: the production wiring (with the template's {@code MAX_CONCURRENT_KEYS}) processes one batch of the
 * function's workload against {@link FakeDynamoDb} with a fixed delay per request; the elapsed time is compared with
 * {@link IdealLatency} for the requests that batch sent. Each measured batch starts from empty tables.
 *
 * <p>A warm execution environment has processed many batches, so its code is compiled and its thread pools hold
 * their threads. The benchmark gets there first: the whole workload goes through the same code on a fake without
 * delay, pass after pass, for at least {@link #WARM_UP} (a couple of passes leave the JIT still compiling the
 * batch path while the measured runs go on); then each batch size runs {@link #UNMEASURED_RUNS} times, unmeasured,
 * on the measured processor (a first batch's thread starts belong to the cold start, measured on its own). The JIT
 * time spent during a size's measured runs is reported with them, so a reader sees whether they were steady.
 */
public final class LatencyBenchmark {
    public static final Duration REQUEST_LATENCY = Duration.ofMillis(10);
    /** How long the whole workload is run through the code without delay before anything is measured. */
    public static final Duration WARM_UP = Duration.ofSeconds(15);
    /** Unmeasured runs of each batch size on the measured processor before its measured runs. */
    public static final int UNMEASURED_RUNS = 3;
    /** The tail percentile reported next to the median. */
    public static final double TAIL_PERCENT = 90;

    /**
     * @param runs        elapsed milliseconds of each run
     * @param requests    DynamoDB requests per run (the same every run: the batch and starting state are)
     * @param operations  requests per operation, of the last run
     * @param failures    runs whose response reported a failure
     * @param jitMillis   JIT compilation time spent (on the compiler's threads) while the measured runs went on;
     *                    -1 when the JVM does not report it
     * @param callerCpu   CPU milliseconds of the thread that called the handler, per run (empty when the JVM does
     *                    not measure thread CPU time): the work done in series with the round trips, whatever the
     *                    other threads do
     */
    public record Result(BenchFunction function, int batchSize, List<Double> runs, long requests,
                         Map<String, Long> operations, int concurrency, int failures, long jitMillis,
                         List<Double> callerCpu) {
        public Result {
            runs = List.copyOf(runs);
            callerCpu = List.copyOf(callerCpu);
        }

        /** The median of {@link #callerCpu}, or -1 when not measured. */
        public double callerCpuMillis() {
            return callerCpu.isEmpty() ? -1 : Numbers.median(callerCpu);
        }

        public double medianMillis() {
            return Numbers.median(runs);
        }

        public double tailMillis() {
            return Numbers.percentile(runs, TAIL_PERCENT);
        }

        public double tailRatio() {
            return tailMillis() / idealMillis();
        }

        public double idealMillis() {
            return IdealLatency.millis(requests, concurrency, REQUEST_LATENCY.toNanos() / 1e6);
        }

        public double ratio() {
            return medianMillis() / idealMillis();
        }
    }

    private final Path projectRoot;
    private final Path logDirectory;

    public LatencyBenchmark(Path projectRoot, Path logDirectory) {
        this.projectRoot = projectRoot;
        this.logDirectory = logDirectory;
    }

    /** @param runsOf how many measured runs per batch size */
    public List<Result> run(BenchFunction function, Workload workload, List<Integer> batchSizes,
                            Map<Integer, Integer> runsOf) {
        StackTables tables = StackTables.read(projectRoot, "latency");
        FunctionEnvironment env = new FunctionEnvironment(function.environment(tables));
        int concurrency = env.positiveInt("MAX_CONCURRENT_KEYS", BenchFunction.TEMPLATE_MAX_CONCURRENT_KEYS);
        FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
        List<Result> results = new ArrayList<>();
        try (FunctionLog log = new FunctionLog(logDirectory.resolve("latency-" + function.id() + ".log"))) {
            warmUp(function, workload, tables, env, context, log);
            FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), REQUEST_LATENCY);
            BatchProcessor<?> processor = log.building(() -> function.production(env, dynamoDb));
            for (int size : batchSizes) {
                if (size > workload.size()) {
                    throw new IllegalArgumentException("workload has fewer than " + size + " records");
                }
                KinesisEvent event = KinesisBatches.event(workload.first(size), 0, Instant.now());
                // Unmeasured runs of this size first: the processor's thread pools then hold the threads a warm
                // execution environment has (created by earlier batches), not the first batch's thread starts.
                for (int run = 0; run < UNMEASURED_RUNS; run++) {
                    dynamoDb.reset();
                    processor.process(event, context);
                }
                long jitBefore = jitMillis();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                boolean cpuMeasured = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
                List<Double> callerCpu = new ArrayList<>();
                List<Double> runs = new ArrayList<>();
                long requests = -1;
                int failures = 0;
                for (int run = 0; run < runsOf.getOrDefault(size, 1); run++) {
                    dynamoDb.reset();
                    long cpuStart = cpuMeasured ? threads.getCurrentThreadCpuTime() : 0;
                    long start = System.nanoTime();
                    StreamsEventResponse response = processor.process(event, context);
                    runs.add((System.nanoTime() - start) / 1e6);
                    if (cpuMeasured) {
                        callerCpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
                    }
                    if (!response.getBatchItemFailures().isEmpty()) {
                        failures++;
                    }
                    long sent = dynamoDb.totalRequests();
                    if (requests >= 0 && sent != requests) {
                        throw new IllegalStateException(function.id() + ": the same batch sent " + requests + " and then "
                                + sent + " requests");
                    }
                    requests = sent;
                }
                long jitAfter = jitMillis();
                results.add(new Result(function, size, runs, requests, dynamoDb.requestsByOperation(), concurrency,
                        failures, jitBefore < 0 ? -1 : jitAfter - jitBefore, callerCpu));
            }
        }
        return results;
    }

    /**
     * Runs the whole workload through the same code on a fake without delay, pass after pass, until {@link #WARM_UP}
     * has passed (at least two passes).
     */
    private static void warmUp(BenchFunction function, Workload workload, StackTables tables, FunctionEnvironment env,
                               FakeLambdaContext context, FunctionLog log) {
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        BatchProcessor<?> processor = log.building(() -> function.production(env, dynamoDb));
        long end = System.nanoTime() + WARM_UP.toNanos();
        for (int pass = 0; pass < 2 || System.nanoTime() < end; pass++) {
            dynamoDb.reset();
            int index = 0;
            for (List<WorkloadRecord> batch : workload.batches(1000)) {
                processor.process(KinesisBatches.event(batch, index, Instant.now()), context);
                index += batch.size();
            }
        }
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
