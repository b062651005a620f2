package com.streamproc.bench;

import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.activity.aggregate.ActivityBatchApplier;
import com.streamproc.activity.event.ActivityEventDecoder;
import com.streamproc.activity.store.DynamoDbActivityStore;
import com.streamproc.bench.workload.ActivityWorkload;
import com.streamproc.bench.workload.CustomerWorkload;
import com.streamproc.bench.workload.OrderWorkload;
import com.streamproc.bench.workload.Workload;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.store.DynamoDbCustomerStore;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.OrderProcessingHandler;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.store.DynamoDbOrderStore;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.dynamo.DynamoDbQuarantineWriter;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.observe.BatchObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The three functions as the benchmarks see them: names, tables, workload, and two wirings on a given
 * {@link DynamoDbClient}: the production one ({@link #production}) and a single-threaded one without log output for
 * measuring CPU ({@link #singleThreaded}).
 */
public enum BenchFunction {
    ORDERS("orders", "order-processing", "OrderProcessingFunction",
            "com.streamproc.orders.OrderProcessingHandler", "ORDERS_TABLE", "OrdersTable", "OrdersQuarantineTable",
            Set.of("appliedEventIds", "rejectedRecords", "version"), null) {
        @Override
        public Workload workload(int records, long seed) {
            return OrderWorkload.generate(records, seed);
        }

        @Override
        public RecordDecoder<?> decoder(Clock clock) {
            return new OrderEventDecoder();
        }

        @Override
        public BatchProcessor<?> production(FunctionEnvironment env, DynamoDbClient dynamoDb) {
            return new OrderProcessingDescriptor().processor(env, dynamoDb);
        }

        @Override
        public BatchProcessor<?> singleThreaded(DynamoDbClient dynamoDb, StackTables tables) {
            Clock clock = Clock.systemUTC();
            return new BatchProcessor<>(new OrderEventDecoder(),
                    OrderProcessingHandler.applier(new DynamoDbOrderStore(dynamoDb, tables.name(tableLogicalId())), 1,
                            clock),
                    quarantine(dynamoDb, tables, clock), BatchProcessorConfig.defaults(moduleName()), NO_LOG);
        }
    },
    ACTIVITY("activity", "activity-tracking", "ActivityTrackingFunction",
            "com.streamproc.activity.ActivityTrackingHandler", "ACTIVITY_TABLE", "ActivityTable",
            "ActivityQuarantineTable", Set.of("hwm"), "EVENT#") {
        @Override
        public Workload workload(int records, long seed) {
            return ActivityWorkload.generate(records, 1_000, 20, seed);
        }

        @Override
        public RecordDecoder<?> decoder(Clock clock) {
            return new ActivityEventDecoder(clock);
        }

        /** The handler's own production wiring, on the given client. */
        @Override
        public BatchProcessor<?> production(FunctionEnvironment env, DynamoDbClient dynamoDb) {
            return new ActivityTrackingDescriptor().processor(env, dynamoDb);
        }

        @Override
        public BatchProcessor<?> singleThreaded(DynamoDbClient dynamoDb, StackTables tables) {
            Clock clock = Clock.systemUTC();
            return new BatchProcessor<>(new ActivityEventDecoder(clock),
                    new ActivityBatchApplier(new DynamoDbActivityStore(dynamoDb, tables.name(tableLogicalId())), clock,
                            1),
                    quarantine(dynamoDb, tables, clock), BatchProcessorConfig.defaults(moduleName()), NO_LOG);
        }
    },
    CLEANSING("cleansing", "data-cleansing", "DataCleansingFunction",
            "com.streamproc.cleansing.DataCleansingHandler", "CUSTOMERS_TABLE", "CustomersTable",
            "CleansingQuarantineTable", Set.of("version"), null) {
        @Override
        public Workload workload(int records, long seed) {
            return CustomerWorkload.generate(records, seed);
        }

        @Override
        public RecordDecoder<?> decoder(Clock clock) {
            return DataCleansingDescriptor.newDecoder(clock);
        }

        @Override
        public BatchProcessor<?> production(FunctionEnvironment env, DynamoDbClient dynamoDb) {
            return new DataCleansingDescriptor().processor(env, dynamoDb);
        }

        @Override
        public BatchProcessor<?> singleThreaded(DynamoDbClient dynamoDb, StackTables tables) {
            Clock clock = Clock.systemUTC();
            return new BatchProcessor<>(DataCleansingDescriptor.newDecoder(clock),
                    DataCleansingDescriptor.newApplier(new DynamoDbCustomerStore(dynamoDb, tables.name(tableLogicalId())),
                            1),
                    quarantine(dynamoDb, tables, clock), DataCleansingDescriptor.defaultConfig(), NO_LOG);
        }
    };

    /** {@code MAX_CONCURRENT_KEYS} as {@code sam-template.yaml}'s Globals set it for every function. */
    public static final int TEMPLATE_MAX_CONCURRENT_KEYS = 100;

    private static final BatchObserver NO_LOG = summary -> { };

    private final String id;
    private final String moduleName;
    private final String logicalId;
    private final String handlerClass;
    private final String tableVariable;
    private final String tableLogicalId;
    private final String quarantineLogicalId;
    private final Set<String> bookkeepingAttributes;
    private final String bookkeepingKeyPrefix;

    BenchFunction(String id, String moduleName, String logicalId, String handlerClass, String tableVariable,
                  String tableLogicalId, String quarantineLogicalId, Set<String> bookkeepingAttributes,
                  String bookkeepingKeyPrefix) {
        this.id = id;
        this.moduleName = moduleName;
        this.logicalId = logicalId;
        this.handlerClass = handlerClass;
        this.tableVariable = tableVariable;
        this.tableLogicalId = tableLogicalId;
        this.quarantineLogicalId = quarantineLogicalId;
        this.bookkeepingAttributes = bookkeepingAttributes;
        this.bookkeepingKeyPrefix = bookkeepingKeyPrefix;
    }

    /** The seeded workload of {@code records} records. */
    public abstract Workload workload(int records, long seed);

    /** The function's production decoder. */
    public abstract RecordDecoder<?> decoder(Clock clock);

    /** The production wiring on {@code dynamoDb}, configured from {@code env} as on Lambda. */
    public abstract BatchProcessor<?> production(FunctionEnvironment env, DynamoDbClient dynamoDb);

    /**
     * The production decoder, applier and stores on {@code dynamoDb}, but one key at a time
     * ({@code MAX_CONCURRENT_KEYS = 1}, so elapsed time is CPU time) and without the per-batch log line.
     */
    public abstract BatchProcessor<?> singleThreaded(DynamoDbClient dynamoDb, StackTables tables);

    /** The function's environment variables as the template sets them, with the given tables. */
    public Map<String, String> environment(StackTables tables) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(tableVariable, tables.name(tableLogicalId));
        env.put("QUARANTINE_TABLE", tables.name(quarantineLogicalId));
        env.put("MAX_CONCURRENT_KEYS", Integer.toString(TEMPLATE_MAX_CONCURRENT_KEYS));
        env.put("DEADLINE_MARGIN_MS", "3000");
        env.put("QUARANTINE_TTL_DAYS", "14");
        return env;
    }

    QuarantineWriter quarantine(DynamoDbClient dynamoDb, StackTables tables, Clock clock) {
        return new DynamoDbQuarantineWriter(dynamoDb, tables.name(quarantineLogicalId), moduleName,
                Duration.ofDays(14), DynamoDbQuarantineWriter.DEFAULT_MAX_PAYLOAD_BYTES, clock);
    }

    /** Short name used on the command line and in the report: orders, activity, cleansing. */
    public String id() {
        return id;
    }

    /** Maven module and deployment zip name, e.g. {@code order-processing}. */
    public String moduleName() {
        return moduleName;
    }

    public String logicalId() {
        return logicalId;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public String tableVariable() {
        return tableVariable;
    }

    public String tableLogicalId() {
        return tableLogicalId;
    }

    public String quarantineLogicalId() {
        return quarantineLogicalId;
    }

    /** The logical ids of the function's two tables. */
    public List<String> tableLogicalIds() {
        return List.of(tableLogicalId, quarantineLogicalId);
    }

    /** The function's settings in {@code sam-template.yaml} (event source, concurrency, memory). */
    public FunctionSettings settings(Path projectRoot) {
        return FunctionSettings.read(projectRoot.resolve("sam-template.yaml"), logicalId);
    }

    /**
     * Attributes of the function's items that exist only for its exactly-once bookkeeping (applied event ids,
     * per-shard marks, versions): a design without idempotency would not store them.
     */
    public Set<String> bookkeepingAttributes() {
        return bookkeepingAttributes;
    }

    /** Whether an item of the function's table exists only for bookkeeping (activity's event markers). */
    public boolean isBookkeepingItem(Map<String, AttributeValue> item) {
        if (bookkeepingKeyPrefix == null) {
            return false;
        }
        AttributeValue pk = item.get("pk");
        return pk != null && pk.s() != null && pk.s().startsWith(bookkeepingKeyPrefix);
    }

    public static BenchFunction byId(String id) {
        for (BenchFunction f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function " + id + "; known: orders, activity, cleansing");
    }
}
