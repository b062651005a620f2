package com.streamproc.bench;

import com.streamproc.bench.report.Target;
import com.streamproc.bench.workload.Workload;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.dynamo.DynamoDbQuarantineWriter;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.SyntheticEvents;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.PartitionTraits;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.TrafficShape;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A function as the benchmarks see it: its {@link FunctionDescriptor} (names, tables, the production wiring) and its
 * traffic generator ({@link StreamTraffic}, from the function's module jar), which declares what only the
 * benchmarks need of it ({@link BenchmarkProfile}: bookkeeping attributes, goals) and makes its workload. Both are
 * found with {@code ServiceLoader}, so a new function is benchmarked without an edit here. Two wirings on a given
 * {@link DynamoDbClient}: the production one ({@link #production}) and a single-threaded one without log output for
 * measuring CPU ({@link #singleThreaded}).
 */
public final class BenchFunction {
    /** {@code MAX_CONCURRENT_KEYS} as {@code sam-template.yaml}'s Globals set it for every function. */
    public static final int TEMPLATE_MAX_CONCURRENT_KEYS = 100;

    /** A seeded workload of {@code records} records. */
    @FunctionalInterface
    public interface WorkloadSource {
        Workload generate(int records, long seed);
    }

    private static final List<BenchFunction> ALL = load();

    private final FunctionDescriptor<?> descriptor;
    private final StreamTraffic traffic;
    private final BenchmarkProfile profile;

    private BenchFunction(FunctionDescriptor<?> descriptor, StreamTraffic traffic) {
        this.descriptor = descriptor;
        this.traffic = traffic;
        this.profile = traffic.benchmark();
    }

    private static List<BenchFunction> load() {
        ClassLoader loader = BenchFunction.class.getClassLoader();
        List<BenchFunction> functions = new java.util.ArrayList<>();
        for (FunctionDescriptor<?> descriptor : FunctionDescriptors.all()) {
            SyntheticEvents events = FunctionDescriptors.eventsOf(descriptor.name(), loader).orElseThrow(() ->
                    new IllegalStateException("the benchmarks have no workload for function " + descriptor.name()
                            + ": its module declares no traffic generator (a StreamTraffic listed as its "
                            + "SyntheticEvents service)"));
            if (!(events instanceof StreamTraffic traffic)) {
                throw new IllegalStateException("the benchmarks need " + descriptor.name() + "'s traffic generator "
                        + "to be a StreamTraffic (with its shapes and benchmark profile); "
                        + events.getClass().getName() + " only makes single events");
            }
            functions.add(new BenchFunction(descriptor, traffic));
        }
        return List.copyOf(functions);
    }

    /** Every function the benchmarks run, in report order. */
    public static List<BenchFunction> values() {
        return ALL;
    }

    /** The seeded workload of {@code records} records: the function's typical traffic. */
    public Workload workload(int records, long seed) {
        return Workload.of(moduleName(), traffic.typical(records, seed), traffic::traffic);
    }

    /**
     * The records of the second cost run, if the function has one: its typical traffic sent in event-time order
     * (spread over the span), where that changes what is written together.
     */
    public Optional<WorkloadSource> spreadWorkload() {
        if (!profile.spreadCostRun()) {
            return Optional.empty();
        }
        return Optional.of((records, seed) -> Workload.of(moduleName(), traffic.typical(records, seed)
                .withOrder(TrafficShape.SendOrder.BY_EVENT_TIME), traffic::traffic));
    }

    /** Its DynamoDB write requests per record. */
    public Target costTarget() {
        return Target.atMost(profile.writeRequestsPerRecordGoal(), "write requests/record");
    }

    /** A target on its whole write bill per record, if it has one. */
    public Optional<Target> wruTarget() {
        return profile.writeUnitsPerRecordGoal().isPresent()
                ? Optional.of(Target.atMost(profile.writeUnitsPerRecordGoal().getAsDouble(), "WRU/record"))
                : Optional.empty();
    }

    /** The function's production decoder. */
    public RecordDecoder<?> decoder(Clock clock) {
        return descriptor.decoder(clock);
    }

    /** The production wiring on {@code dynamoDb}, configured from {@code env} as on Lambda. */
    public BatchProcessor<?> production(FunctionEnvironment env, DynamoDbClient dynamoDb) {
        return descriptor.processor(env, dynamoDb);
    }

    /**
     * The production decoder, applier and stores on {@code dynamoDb}, but one key at a time
     * ({@code MAX_CONCURRENT_KEYS = 1}, so elapsed time is CPU time) and without the per-batch log line.
     */
    public BatchProcessor<?> singleThreaded(DynamoDbClient dynamoDb, StackTables tables) {
        return singleThreaded(descriptor, dynamoDb, tables);
    }

    private <E> BatchProcessor<E> singleThreaded(FunctionDescriptor<E> function, DynamoDbClient dynamoDb,
                                                 StackTables tables) {
        Clock clock = Clock.systemUTC();
        Map<String, String> env = new LinkedHashMap<>(environment(tables));
        env.put("MAX_CONCURRENT_KEYS", "1");
        return BatchProcessor.builder(function.decoder(clock),
                        function.applier(new FunctionEnvironment(env), dynamoDb, clock))
                .quarantine(new DynamoDbQuarantineWriter(dynamoDb, tables.name(quarantineLogicalId()), moduleName(),
                        Duration.ofDays(14), DynamoDbQuarantineWriter.DEFAULT_MAX_PAYLOAD_BYTES, clock))
                .config(function.config())
                .build();
    }

    /** The function's environment variables as the template sets them, with the given tables. */
    public Map<String, String> environment(StackTables tables) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(tableVariable(), tables.name(tableLogicalId()));
        env.put("QUARANTINE_TABLE", tables.name(quarantineLogicalId()));
        env.put("MAX_CONCURRENT_KEYS", Integer.toString(TEMPLATE_MAX_CONCURRENT_KEYS));
        env.put("DEADLINE_MARGIN_MS", "3000");
        env.put("QUARANTINE_TTL_DAYS", "14");
        return env;
    }

    /** Short name used on the command line and in the report, as the function declares it (e.g. orders). */
    public String id() {
        return profile.id();
    }

    /** Maven module and deployment zip name, e.g. {@code order-processing}. */
    public String moduleName() {
        return descriptor.name();
    }

    public String logicalId() {
        return descriptor.templateIds().function();
    }

    public String handlerClass() {
        return descriptor.handlerClass().getName();
    }

    public String tableVariable() {
        return descriptor.tableVariable();
    }

    public String tableLogicalId() {
        return descriptor.templateIds().table();
    }

    public String quarantineLogicalId() {
        return descriptor.templateIds().quarantineTable();
    }

    /** The logical ids of the function's two tables. */
    public List<String> tableLogicalIds() {
        return List.of(tableLogicalId(), quarantineLogicalId());
    }

    /** The function's settings in {@code sam-template.yaml} (event source, concurrency, memory). */
    public FunctionSettings settings(Path projectRoot) {
        return FunctionSettings.read(projectRoot.resolve("sam-template.yaml"), logicalId());
    }

    /**
     * Attributes of the function's items that exist only for its exactly-once bookkeeping (applied event ids,
     * per-shard marks, versions): a design without idempotency would not store them.
     */
    /** What the partition-heat model at scale needs of its keys. */
    public PartitionTraits partitionTraits() {
        return profile.partitionTraits();
    }

    public Set<String> bookkeepingAttributes() {
        return profile.bookkeepingAttributes();
    }

    /** Whether an item of the function's table exists only for bookkeeping (none today). */
    public boolean isBookkeepingItem(Map<String, AttributeValue> item) {
        if (profile.bookkeepingKeyPrefix() == null) {
            return false;
        }
        AttributeValue pk = item.get("pk");
        return pk != null && pk.s() != null && pk.s().startsWith(profile.bookkeepingKeyPrefix());
    }

    /** @throws IllegalArgumentException naming the known ids when {@code id} is none of them */
    public static BenchFunction byId(String id) {
        for (BenchFunction f : ALL) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function " + id + "; known: "
                + ALL.stream().map(BenchFunction::id).collect(Collectors.joining(", ")));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BenchFunction function && function.moduleName().equals(moduleName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(moduleName());
    }

    @Override
    public String toString() {
        return id();
    }
}
