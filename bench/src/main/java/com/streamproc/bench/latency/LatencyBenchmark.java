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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch latency: the production wiring (with the template's {@code MAX_CONCURRENT_KEYS}) processes one batch of the
 * function's workload against {@link FakeDynamoDb} with a fixed delay per request; the elapsed time is compared with
 * {@link IdealLatency} for the requests that batch sent. Each measured batch starts from empty tables; the JIT is
 * warmed first with the same code on a fake without delay, and each batch size is run once, unmeasured, on the
 * measured processor, so its thread pools have their threads as in an execution environment that has processed
 * batches before (a first batch's thread starts belong to the cold start, measured on its own).
 */
public final class LatencyBenchmark {
    public static final Duration REQUEST_LATENCY = Duration.ofMillis(10);

    /**
     * @param runs        elapsed milliseconds of each run
     * @param requests    DynamoDB requests per run (the same every run: the batch and starting state are)
     * @param operations  requests per operation, of the last run
     * @param failures    runs whose response reported a failure
     */
    public record Result(BenchFunction function, int batchSize, List<Double> runs, long requests,
                         Map<String, Long> operations, int concurrency, int failures) {
        public double medianMillis() {
            return Numbers.median(runs);
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
                // One unmeasured run of this size first: the processor's thread pools then hold the threads a warm
                // execution environment has (created by earlier batches), not the first batch's thread starts.
                dynamoDb.reset();
                processor.process(event, context);
                List<Double> runs = new ArrayList<>();
                long requests = -1;
                int failures = 0;
                for (int run = 0; run < runsOf.getOrDefault(size, 1); run++) {
                    dynamoDb.reset();
                    long start = System.nanoTime();
                    StreamsEventResponse response = processor.process(event, context);
                    runs.add((System.nanoTime() - start) / 1e6);
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
                results.add(new Result(function, size, runs, requests, dynamoDb.requestsByOperation(), concurrency,
                        failures));
            }
        }
        return results;
    }

    /** Runs the whole workload twice through the same code on a fake without delay, so the JIT has compiled it. */
    private static void warmUp(BenchFunction function, Workload workload, StackTables tables, FunctionEnvironment env,
                               FakeLambdaContext context, FunctionLog log) {
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        BatchProcessor<?> processor = log.building(() -> function.production(env, dynamoDb));
        for (int round = 0; round < 2; round++) {
            dynamoDb.reset();
            int index = 0;
            for (List<WorkloadRecord> batch : workload.batches(1000)) {
                processor.process(KinesisBatches.event(batch, index, Instant.now()), context);
                index += batch.size();
            }
        }
    }
}
