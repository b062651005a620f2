package com.streamproc.bench.cost;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.BenchContext;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.aws.SdkCallCounter;
import com.streamproc.shared.batch.BatchProcessor;
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
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * DynamoDB cost on dynalite: the function, wired as in production, processes a seeded workload batch by batch (a
 * batch that reports a failure is sent again from the reported record, as Lambda does), while
 * {@link SdkCallCounter} counts requests and the write capacity dynalite reports. Then the Powertools-style
 * baseline ({@link IdempotentBaselineWriter}) writes the same records against the same emulator.
 */
public final class CostBenchmark {
    /** Times a batch is sent again after reporting a failure before its rest counts as unprocessed. */
    static final int MAX_REPLAYS_PER_BATCH = 3;
    /** The baseline's writers: records of one partition key stay on one writer, in order. */
    static final int BASELINE_WRITERS = 8;

    /**
     * @param writeRequests  the function's DynamoDB write requests (PutItem, UpdateItem, BatchWriteItem, ...)
     * @param writeCapacity  write capacity units dynalite reported for them
     * @param readRequests   GetItem, BatchGetItem and Query requests
     * @param replays        batches sent again after a reported failure
     * @param unprocessed    records still reported failed after the replays (0 in a healthy run)
     * @param baselineRequests write requests the baseline sent (3 per new record, 1 per repeated payload)
     * @param baselineCapacity write capacity units dynalite reported for the baseline
     */
    public record Result(BenchFunction function, Workload workload, int batchSize, int batches, long writeRequests,
                         double writeCapacity, long readRequests, Map<String, Long> calls, int replays,
                         int unprocessed, long baselineRequests, double baselineCapacity) {
        public int records() {
            return workload.size();
        }

        public double writeRequestsPerRecord() {
            return (double) writeRequests / records();
        }

        public double writeCapacityPerRecord() {
            return writeCapacity / records();
        }

        /** The baseline's requests as the issue defines them: three per record. */
        public long baselineDefinedRequests() {
            return 3L * records();
        }

        public double baselineCapacityPerRecord() {
            return baselineCapacity / records();
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
        StackTables tables = StackTables.read(projectRoot, "cost-" + function.id());
        createTables(tables, function);
        SdkCallCounter counter = new SdkCallCounter();
        int replays = 0;
        int unprocessed = 0;
        int batches = 0;
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter);
             FunctionLog log = new FunctionLog(logDirectory.resolve("cost-" + function.id() + ".log"))) {
            BatchProcessor<?> processor = log.building(() ->
                    function.production(new FunctionEnvironment(function.environment(tables)), dynamoDb));
            BenchContext context = new BenchContext(function.moduleName());
            int index = 0;
            for (List<WorkloadRecord> batch : workload.batches(function.costBatchSize())) {
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
        long readRequests = counter.calls("GetItem") + counter.calls("BatchGetItem") + counter.calls("Query");
        Baseline baseline = baseline(function, workload, tables);
        return new Result(function, workload, function.costBatchSize(), batches, counter.writeRequests(),
                counter.consumedWriteCapacity(), readRequests, counter.snapshot(), replays, unprocessed,
                baseline.requests(), baseline.capacity());
    }

    private record Baseline(long requests, double capacity) {
    }

    private Baseline baseline(BenchFunction function, Workload workload, StackTables tables) {
        String idempotencyTable = tables.name(function.tableLogicalId()) + "-baseline-idempotency";
        String businessTable = tables.name(function.tableLogicalId()) + "-baseline-entities";
        SdkCallCounter counter = new SdkCallCounter();
        try (DynamoDbClient admin = stack.dynamoDbClient();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter)) {
            createSimpleTable(admin, idempotencyTable, "id");
            createSimpleTable(admin, businessTable, "pk");
            IdempotentBaselineWriter writer = new IdempotentBaselineWriter(dynamoDb, idempotencyTable, businessTable,
                    function.moduleName(), Clock.systemUTC());
            List<List<WorkloadRecord>> lanes = new ArrayList<>();
            for (int i = 0; i < BASELINE_WRITERS; i++) {
                lanes.add(new ArrayList<>());
            }
            for (WorkloadRecord record : workload.records()) {
                lanes.get(Math.floorMod(record.partitionKey().hashCode(), BASELINE_WRITERS)).add(record);
            }
            ExecutorService executor = Executors.newFixedThreadPool(BASELINE_WRITERS);
            AtomicLong processed = new AtomicLong();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (List<WorkloadRecord> lane : lanes) {
                    running.add(executor.submit(() -> lane.forEach(r -> {
                        if (writer.process(r)) {
                            processed.incrementAndGet();
                        }
                    })));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the baseline writer failed", e.getCause());
            } finally {
                executor.shutdownNow();
            }
            return new Baseline(counter.writeRequests(), counter.consumedWriteCapacity());
        }
    }

    private void createTables(StackTables tables, BenchFunction function) {
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient(); KinesisClient kinesis = stack.kinesisClient()) {
            ResourceFactory factory = new ResourceFactory(dynamoDb, kinesis);
            tables.tables(function.tableLogicalIds()).forEach(factory::createTable);
        }
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
