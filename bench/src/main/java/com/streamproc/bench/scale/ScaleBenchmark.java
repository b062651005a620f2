package com.streamproc.bench.scale;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.FunctionSettings;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.bill.CapacityMeter;
import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.bill.TableSchema;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.traffic.PartitionTraits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partition-capacity model: replays one shard's traffic of a scenario through the function's production code on
 * an in-process DynamoDB stand-in, captures every request at the client as the cost benchmark does
 * ({@link CapacityMeter}, {@link DynamoDbBill}'s unit rules), charges the units to partition-key values
 * ({@link PartitionHeat}) and scales them to N shards ({@link ScaleModel}).
 *
 * <p>The shard's records go to its {@code ParallelizationFactor} lanes by partition key, each lane in the batches
 * its event source forms at the shard's full ingest ({@link ScaleModel#batchSize}); the replay stands for
 * {@code records ÷ shard rate} seconds.
 */
public final class ScaleBenchmark {
    /** The shard counts the report gives. */
    public static final List<Integer> SHARDS = List.of(10, 100);
    private static final int LANE_SPACING = 10_000_000;

    /**
     * One scenario's replay.
     *
     * @param replaySeconds what the replay stands for at full ingest
     * @param batchSize     records per batch of a lane
     * @param failedBatches batches that reported a failure (0 expected: the stand-in never throttles)
     * @param heat          units per target (logical id, or logical id/index), per partition-key value
     */
    public record Replay(ScaleScenario scenario, int records, double recordsPerSecondPerShard, double replaySeconds,
                         int batchSize, int failedBatches, Map<String, Map<String, PartitionHeat.Units>> heat) {
        public List<ScaleModel.Hottest> hottest(int shards) {
            return ScaleModel.hottest(heat, replaySeconds, shards,
                    (target, key) -> shared(scenario.function(), target, key));
        }
    }

    private final Path projectRoot;
    private final Path logDirectory;

    public ScaleBenchmark(Path projectRoot, Path logDirectory) {
        this.projectRoot = projectRoot;
        this.logDirectory = logDirectory;
    }

    /**
     * Whether every shard writes a partition-key value, from what the function declares
     * ({@link PartitionTraits}): a hot entity's that is not the partition key, and every index key except one
     * entity's; in a table, the key prefixes it names (activity's action hours, one per shard under one key).
     * Anything else is one shard's.
     *
     * @param target the table's logical id, or logical id/index name
     */
    static boolean shared(BenchFunction function, String target, String keyValue) {
        PartitionTraits traits = function.partitionTraits();
        for (PartitionTraits.HotKey hot : traits.hotKeys()) {
            if (hot.partitionKey() == null && hot.fields().values().stream().anyMatch(keyValue::contains)) {
                return true;
            }
        }
        int slash = target.indexOf('/');
        if (slash >= 0) {
            return !(target.substring(0, slash).equals(function.tableLogicalId())
                    && traits.perEntityIndexes().contains(target.substring(slash + 1)));
        }
        return target.equals(function.tableLogicalId())
                && traits.sharedKeyPrefixes().stream().anyMatch(keyValue::startsWith);
    }

    public Replay run(ScaleScenario scenario) {
        BenchFunction function = scenario.function();
        FunctionSettings settings = function.settings(projectRoot);
        StackTables tables = StackTables.read(projectRoot, "scale");
        List<TableSchema> schemas = new ArrayList<>();
        Map<String, String> logicalIds = new LinkedHashMap<>();
        tables.tables(function.tableLogicalIds()).forEach(t -> schemas.add(TableSchema.of(t.createRequest())));
        function.tableLogicalIds().forEach(id -> logicalIds.put(tables.name(id), id));
        PartitionHeat heat = new PartitionHeat(schemas);
        CapacityMeter meter = new CapacityMeter(new DynamoDbBill(schemas)).listen(heat);
        double rate = ScaleModel.shardRecordsPerSecond(scenario.averageBytes());
        int batchSize = ScaleModel.batchSize(settings, rate);
        int lanes = settings.parallelizationFactor();
        List<List<WorkloadRecord>> byLane = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            byLane.add(new ArrayList<>());
        }
        for (WorkloadRecord record : scenario.records()) {
            byLane.get(Math.floorMod(record.partitionKey().hashCode(), lanes)).add(record);
        }
        int failed = 0;
        String logName = "scale-" + function.id() + "-" + scenario.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log";
        try (FunctionLog log = new FunctionLog(logDirectory.resolve(logName))) {
            FakeDynamoDb fake = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
            MeteredDynamoDb dynamoDb = new MeteredDynamoDb(fake, meter);
            FunctionEnvironment env = new FunctionEnvironment(function.environment(tables));
            BatchProcessor<?> processor = log.building(() -> function.production(env, dynamoDb));
            FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
            for (int lane = 0; lane < lanes; lane++) {
                List<WorkloadRecord> records = byLane.get(lane);
                for (int start = 0; start < records.size(); start += batchSize) {
                    List<WorkloadRecord> batch = records.subList(start, Math.min(records.size(), start + batchSize));
                    StreamsEventResponse response = processor.process(
                            KinesisBatches.event(batch, lane * LANE_SPACING + start, Instant.now()), context);
                    if (!response.getBatchItemFailures().isEmpty()) {
                        failed++;
                    }
                }
            }
        }
        Map<String, Map<String, PartitionHeat.Units>> byLogical = new LinkedHashMap<>();
        heat.all().forEach((target, units) -> {
            int slash = target.indexOf('/');
            String table = slash < 0 ? target : target.substring(0, slash);
            String logical = logicalIds.getOrDefault(table, table) + (slash < 0 ? "" : target.substring(slash));
            byLogical.put(logical, units);
        });
        int records = scenario.records().size();
        return new Replay(scenario, records, rate, records / rate, batchSize, failed, byLogical);
    }

    /**
     * Every scenario of the report, for the given functions: each one's normal traffic, a scenario per hot entity
     * it declares, a late-data burst where it has an event time, and the poison floods.
     */
    public static List<ScaleScenario> scenarios(List<BenchFunction> functions, int records, long seed) {
        List<ScaleScenario> scenarios = new ArrayList<>();
        for (BenchFunction function : functions) {
            scenarios.add(ScaleScenario.normal(function, records, seed));
        }
        for (BenchFunction function : functions) {
            for (PartitionTraits.HotKey hot : function.partitionTraits().hotKeys()) {
                scenarios.add(ScaleScenario.hot(function, hot, records, seed));
            }
        }
        for (BenchFunction function : functions) {
            if (function.partitionTraits().eventTimeField() != null) {
                scenarios.add(ScaleScenario.lateBurst(function, records, seed));
            }
        }
        for (BenchFunction function : functions) {
            for (int bytes : List.of(1024, 100 * 1024)) {
                for (double fraction : List.of(0.10, 0.50, 1.0)) {
                    scenarios.add(ScaleScenario.poison(function, records, seed, fraction, bytes));
                }
            }
        }
        return scenarios;
    }
}
