package com.streamproc.bench.headroom;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.FunctionSettings;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.latency.LatencyBenchmark;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many records per second one shard's event source sustains once a backlog has built up, with the template's
 * settings, against a DynamoDB stand-in adding 10 ms to every request ({@link FakeDynamoDb}).
 *
 * <p>Under a backlog every batch is full, so the batching window does not matter. The event source runs
 * {@code ParallelizationFactor} batches of the shard at once, each partition key always in the same one, each in
 * its own execution environment with its own share of CPU. Here each of those lanes is its own production wiring
 * (with the template's {@code MAX_CONCURRENT_KEYS}), fed the workload's records whose partition key hashes to it, in
 * batches of the template's {@code BatchSize}, one batch after the other. The lanes run one after the other, so
 * that they do not compete for this machine's cores as Lambda's environments do not; throughput = records ÷ the
 * longest lane's elapsed time (how long the lanes take side by side); headroom = throughput ÷ a shard's ingest
 * limit of 1,000 records/s. The whole workload is run several times (tables emptied in between) and the median run
 * is reported, since the lanes' round trips are at the mercy of whatever else this machine runs. Not modelled: the event source's own polling and invoke overhead, and the shard's read
 * limit (2 MB/s, reported as a cap).
 */
public final class HeadroomBenchmark {
    /** A shard's ingest limit, records per second. */
    public static final double SHARD_INGEST_RECORDS_PER_SECOND = 1_000;
    /** A shard's read limit for shared-throughput consumers, bytes per second (2 MB/s). */
    public static final double SHARD_READ_BYTES_PER_SECOND = 2_000_000;
    /** The outage whose backlog is drained: one hour at full ingest. */
    public static final Duration OUTAGE = Duration.ofHours(1);
    /** Sequence numbers of lane {@code l} start at {@code l × LANE_SPACING}. */
    private static final int LANE_SPACING = 10_000_000;

    /**
     * @param batchMillis    elapsed milliseconds of every batch, all lanes
     * @param elapsedSeconds the longest lane's elapsed time: how long the lanes take side by side
     * @param requests       DynamoDB requests sent, all runs
     * @param failedBatches  batches that reported a failure (0 in a healthy run)
     * @param recordsPerSecondOfEachRun every run's throughput, ascending; the others are the median run's
     */
    public record Result(BenchFunction function, FunctionSettings settings, int records, double elapsedSeconds,
                         List<Double> batchMillis, long requests, int failedBatches, double averageRecordBytes,
                         List<Double> recordsPerSecondOfEachRun) {
        public double recordsPerSecond() {
            return records / elapsedSeconds;
        }

        /**
         * What the shard's event source sustains ÷ the shard's ingest limit: the function's rate, or the shard's
         * read limit where that is lower (no function can process records faster than the shard hands them out).
         */
        public double headroom() {
            return Math.min(recordsPerSecond() / SHARD_INGEST_RECORDS_PER_SECOND, readLimitHeadroom());
        }

        /** The shard's read limit ÷ its ingest limit, for records of this size: a ceiling on the headroom. */
        public double readLimitHeadroom() {
            return SHARD_READ_BYTES_PER_SECOND / averageRecordBytes / SHARD_INGEST_RECORDS_PER_SECOND;
        }

        /** Time to drain the backlog of {@link #OUTAGE} at full ingest while ingest goes on; null if never. */
        public Duration drainTime() {
            double surplus = Math.min(recordsPerSecond(), readLimitHeadroom() * SHARD_INGEST_RECORDS_PER_SECOND)
                    - SHARD_INGEST_RECORDS_PER_SECOND;
            if (surplus <= 0) {
                return null;
            }
            double backlog = OUTAGE.toSeconds() * SHARD_INGEST_RECORDS_PER_SECOND;
            return Duration.ofMillis(Math.round(backlog / surplus * 1000));
        }

        public double meanBatchMillis() {
            return batchMillis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Billed Lambda duration per record: the batches' time, summed, per record. */
        public double lambdaMillisPerRecord() {
            return batchMillis.stream().mapToDouble(Double::doubleValue).sum() / records;
        }
    }

    private final Path projectRoot;
    private final Path logDirectory;

    public HeadroomBenchmark(Path projectRoot, Path logDirectory) {
        this.projectRoot = projectRoot;
        this.logDirectory = logDirectory;
    }

    /** @param repetitions how many times the workload is run; the median run is reported */
    public Result run(BenchFunction function, Workload workload, int repetitions) {
        return run(function, workload, function.settings(projectRoot), repetitions);
    }

    public Result run(BenchFunction function, Workload workload, FunctionSettings settings, int repetitions) {
        StackTables tables = StackTables.read(projectRoot, "headroom");
        Map<String, String> variables = new HashMap<>(function.environment(tables));
        variables.put("MAX_CONCURRENT_KEYS", Integer.toString(settings.maxConcurrentKeys()));
        FunctionEnvironment env = new FunctionEnvironment(variables);
        int lanes = settings.parallelizationFactor();
        List<List<WorkloadRecord>> byLane = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            byLane.add(new ArrayList<>());
        }
        for (WorkloadRecord record : workload.records()) {
            byLane.get(Math.floorMod(record.partitionKey().hashCode(), lanes)).add(record);
        }
        double averageBytes = workload.records().stream().mapToInt(r -> r.data().length).average().orElse(1);
        try (FunctionLog log = new FunctionLog(logDirectory.resolve("headroom-" + function.id() + ".log"))) {
            warmUp(function, workload, tables, env, log);
            FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), LatencyBenchmark.REQUEST_LATENCY);
            List<BatchProcessor<?>> processors = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                processors.add(log.building(() -> function.production(env, dynamoDb)));
            }
            List<Run> runs = new ArrayList<>();
            for (int repetition = 0; repetition < repetitions; repetition++) {
                dynamoDb.reset();
                List<Double> batchMillis = new ArrayList<>();
                double longestLaneSeconds = 0;
                int failed = 0;
                for (int lane = 0; lane < lanes; lane++) {
                    long start = System.nanoTime();
                    LaneRun run = runLane(processors.get(lane), byLane.get(lane), lane, settings.batchSize(),
                            function);
                    longestLaneSeconds = Math.max(longestLaneSeconds, (System.nanoTime() - start) / 1e9);
                    batchMillis.addAll(run.batchMillis());
                    failed += run.failedBatches();
                }
                runs.add(new Run(longestLaneSeconds, batchMillis, failed));
            }
            long requests = dynamoDb.totalRequests();
            runs.sort(Comparator.comparingDouble(Run::elapsedSeconds));
            Run median = runs.get(runs.size() / 2);
            return new Result(function, settings, workload.size(), median.elapsedSeconds(), median.batchMillis(),
                    requests, median.failedBatches(), averageBytes,
                    runs.stream().map(r -> workload.size() / r.elapsedSeconds()).sorted().toList());
        }
    }

    private record Run(double elapsedSeconds, List<Double> batchMillis, int failedBatches) {
    }

    private record LaneRun(List<Double> batchMillis, int failedBatches) {
    }

    private static LaneRun runLane(BatchProcessor<?> processor, List<WorkloadRecord> records, int lane,
                                   int batchSize, BenchFunction function) {
        FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
        List<Double> millis = new ArrayList<>();
        int failed = 0;
        Instant arrived = Instant.now();
        for (int start = 0; start < records.size(); start += batchSize) {
            List<WorkloadRecord> batch = records.subList(start, Math.min(records.size(), start + batchSize));
            long t0 = System.nanoTime();
            StreamsEventResponse response = processor.process(
                    KinesisBatches.event(batch, lane * LANE_SPACING + start, arrived), context);
            millis.add((System.nanoTime() - t0) / 1e6);
            if (!response.getBatchItemFailures().isEmpty()) {
                failed++;
            }
        }
        return new LaneRun(millis, failed);
    }

    /** The same code twice over the workload without delay, so that the JIT has compiled it. */
    private static void warmUp(BenchFunction function, Workload workload, StackTables tables, FunctionEnvironment env,
                               FunctionLog log) {
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        BatchProcessor<?> processor = log.building(() -> function.production(env, dynamoDb));
        FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
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
