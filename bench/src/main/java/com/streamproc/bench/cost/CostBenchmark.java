package com.streamproc.bench.cost;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.bill.CapacityMeter;
import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.bill.TableSchema;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.emulators.TemplateResources;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.aws.SdkCallCounter;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The DynamoDB bill on dynalite, for the function and two baselines on the same records, each on its own fresh
 * copy of the function's tables as {@code sam-template.yaml} declares them (indexes included):
 *
 * <ul>
 *   <li>the function, wired as in production, processes the workload in batches of the template's
 *       {@code BatchSize} (a batch that reports a failure is sent again from the reported record, as Lambda
 *       does);</li>
 *   <li>the naive design ({@link NaiveWriter}): one {@code UpdateItem} per item a record changes, no idempotency;</li>
 *   <li>the Powertools design ({@link IdempotentBaselineWriter}): Powertools' idempotency records around the same
 *       business writes.</li>
 * </ul>
 * A {@link CapacityMeter} on each client computes the units DynamoDB bills ({@link DynamoDbBill}): table and index
 * writes, reads, failed conditional writes, quarantine tables included. {@link SdkCallCounter} counts requests.
 */
public final class CostBenchmark {
    /** Times a batch is sent again after reporting a failure before its rest counts as unprocessed. */
    static final int MAX_REPLAYS_PER_BATCH = 3;
    /** The baselines' writers: records of one partition key stay on one writer, in order. */
    static final int BASELINE_WRITERS = 8;

    /**
     * One design's bill.
     *
     * @param units          the bill, every table of the design summed
     * @param byTable        the bill per table (logical id, or "idempotency")
     * @param calls          requests sent per operation
     * @param reportedWrite  write units dynalite reported for the design's tables (table units only)
     * @param unmetered      requests the meter could not bill (should be empty)
     */
    public record Design(String name, DynamoDbBill.Tally units, Map<String, DynamoDbBill.Tally> byTable,
                         Map<String, Long> calls, double reportedWrite, Map<String, Long> unmetered) {
        public long requests() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param batchSize   records per batch (the template's BatchSize)
     * @param replays     batches sent again after a reported failure
     * @param unprocessed records still reported failed after the replays (0 in a healthy run)
     */
    public record Result(BenchFunction function, String variant, Workload workload, int batchSize, int batches,
                         int replays, int unprocessed, Design measured, Design powertools, Design naive) {
        /** The function's id, with the variant's name when there is one. */
        public String label() {
            return variant.isEmpty() ? function.id() : function.id() + " (" + variant + ")";
        }

        public int records() {
            return workload.size();
        }

        public double perRecord(double value) {
            return value / records();
        }

        public long writeRequests() {
            return SdkCallCounter.DYNAMODB_WRITES.stream().mapToLong(op -> measured.calls().getOrDefault(op, 0L))
                    .sum();
        }

        public long readRequests() {
            return measured.calls().getOrDefault("GetItem", 0L) + measured.calls().getOrDefault("BatchGetItem", 0L)
                    + measured.calls().getOrDefault("Query", 0L);
        }

        public double writeRequestsPerRecord() {
            return perRecord(writeRequests());
        }
    }

    private final EmulatorStack stack;
    private final Path projectRoot;
    private final Path logDirectory;

    public CostBenchmark(EmulatorStack stack, Path projectRoot, Path logDirectory) {
        this.stack = stack;
        this.projectRoot = projectRoot;
        this.logDirectory = logDirectory;
    }

    public Result run(BenchFunction function, Workload workload) {
        return run(function, workload, "", "");
    }

    /**
     * @param variant     what distinguishes this run from the function's main one ("" for the main one)
     * @param tableSuffix appended to the table prefixes, so that two runs of one function get fresh tables
     */
    public Result run(BenchFunction function, Workload workload, String variant, String tableSuffix) {
        int batchSize = function.settings(projectRoot).batchSize();
        StackTables tables = createTables("cost-" + function.id() + tableSuffix, function);
        SdkCallCounter counter = new SdkCallCounter();
        CapacityMeter meter = meter(tables, function, null);
        int replays = 0;
        int unprocessed = 0;
        int batches = 0;
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter, meter);
             FunctionLog log = new FunctionLog(logDirectory.resolve("cost-" + function.id() + tableSuffix + ".log"))) {
            BatchProcessor<?> processor = log.building(() ->
                    function.production(new FunctionEnvironment(function.environment(tables)), dynamoDb));
            FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
            int index = 0;
            for (List<WorkloadRecord> batch : workload.batches(batchSize)) {
                batches++;
                int from = 0;
                for (int attempt = 0; ; attempt++) {
                    KinesisEvent event = KinesisBatches.event(batch.subList(from, batch.size()), index + from,
                            Instant.now());
                    StreamsEventResponse response = processor.process(event, context);
                    if (response.getBatchItemFailures().isEmpty()) {
                        break;
                    }
                    int failedAt = indexOf(response.getBatchItemFailures().get(0).getItemIdentifier()) - index;
                    if (attempt >= MAX_REPLAYS_PER_BATCH) {
                        unprocessed += batch.size() - failedAt;
                        break;
                    }
                    replays++;
                    from = failedAt;
                }
                index += batch.size();
            }
        }
        Design measured = design("function", tables, function, meter, counter);
        RecordEffects.Effects effects = RecordEffects.of(function, workload, tables,
                logDirectory.resolve("effects-" + function.id() + tableSuffix + ".log"));
        Design powertools = powertools(function, workload, effects, tableSuffix);
        Design naive = naive(function, workload, effects, tableSuffix);
        return new Result(function, variant, workload, batchSize, batches, replays, unprocessed, measured, powertools,
                naive);
    }

    private Design naive(BenchFunction function, Workload workload, RecordEffects.Effects effects, String variant) {
        StackTables tables = createTables("naive-" + function.id() + variant, function);
        SdkCallCounter counter = new SdkCallCounter();
        CapacityMeter meter = meter(tables, function, null);
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter, meter)) {
            NaiveWriter writer = new NaiveWriter(dynamoDb, tables::name);
            inLanes(workload, i -> writer.process(effects.updates().get(i)));
        }
        return design("naive", tables, function, meter, counter);
    }

    private Design powertools(BenchFunction function, Workload workload, RecordEffects.Effects effects,
                              String variant) {
        StackTables tables = createTables("pt-" + function.id() + variant, function);
        String idempotencyTable = tables.name(function.tableLogicalId()) + "-idempotency";
        try (DynamoDbClient admin = stack.dynamoDbClient()) {
            createSimpleTable(admin, idempotencyTable, "id");
        }
        SdkCallCounter counter = new SdkCallCounter();
        CapacityMeter meter = meter(tables, function, idempotencyTable);
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter, meter)) {
            IdempotentBaselineWriter writer = new IdempotentBaselineWriter(dynamoDb, idempotencyTable, tables::name,
                    function.moduleName(), Clock.systemUTC());
            List<WorkloadRecord> records = workload.records();
            inLanes(workload, i -> writer.process(records.get(i), effects.updates().get(i),
                    effects.failing().get(i)));
        }
        return design("powertools", tables, function, meter, counter);
    }

    /** Runs {@code each} for every record index, records of one partition key in order on one of a few threads. */
    private static void inLanes(Workload workload, IntConsumer each) {
        List<List<Integer>> lanes = new ArrayList<>();
        for (int i = 0; i < BASELINE_WRITERS; i++) {
            lanes.add(new ArrayList<>());
        }
        List<WorkloadRecord> records = workload.records();
        for (int i = 0; i < records.size(); i++) {
            lanes.get(Math.floorMod(records.get(i).partitionKey().hashCode(), BASELINE_WRITERS)).add(i);
        }
        ExecutorService executor = Executors.newFixedThreadPool(BASELINE_WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<Integer> lane : lanes) {
                running.add(executor.submit(() -> lane.forEach(each::accept)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a baseline writer failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    private static CapacityMeter meter(StackTables tables, BenchFunction function, String idempotencyTable) {
        List<TableSchema> schemas = new ArrayList<>();
        tables.tables(function.tableLogicalIds()).forEach(t -> schemas.add(TableSchema.of(t.createRequest())));
        if (idempotencyTable != null) {
            schemas.add(new TableSchema(idempotencyTable, List.of("id"), List.of()));
        }
        return new CapacityMeter(new DynamoDbBill(schemas));
    }

    private static Design design(String name, StackTables tables, BenchFunction function, CapacityMeter meter,
                                 SdkCallCounter counter) {
        DynamoDbBill bill = meter.bill();
        Map<String, DynamoDbBill.Tally> byTable = new java.util.LinkedHashMap<>();
        bill.byTable().forEach((table, tally) -> byTable.put(logicalIdOf(tables, function, table), tally));
        double reported = meter.reportedWriteUnits().values().stream().mapToDouble(Double::doubleValue).sum();
        return new Design(name, bill.total(), byTable, counter.snapshot(), reported, meter.unmetered());
    }

    private static String logicalIdOf(StackTables tables, BenchFunction function, String tableName) {
        for (String logicalId : function.tableLogicalIds()) {
            if (tables.name(logicalId).equals(tableName)) {
                return logicalId;
            }
        }
        return "idempotency";
    }

    private StackTables createTables(String environment, BenchFunction function) {
        StackTables tables = StackTables.read(projectRoot, environment);
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient(); KinesisClient kinesis = stack.kinesisClient()) {
            ResourceFactory factory = new ResourceFactory(dynamoDb, kinesis);
            for (TemplateResources.Table table : tables.tables(function.tableLogicalIds())) {
                factory.createTable(table);
            }
        }
        return tables;
    }

    static void createSimpleTable(DynamoDbClient dynamoDb, String name, String hashKey) {
        dynamoDb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        for (int i = 0; i < 200; i++) {
            String status = dynamoDb.describeTable(b -> b.tableName(name)).table().tableStatusAsString();
            if ("ACTIVE".equals(status)) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("table " + name + " did not become ACTIVE");
    }

    /** The workload index of a record from its sequence number ({@link KinesisBatches} numbers them). */
    static int indexOf(String sequenceNumber) {
        return new BigInteger(sequenceNumber).subtract(KinesisBatches.FIRST_SEQUENCE).intValueExact();
    }
}
