package com.streamproc.bench;

import com.streamproc.bench.report.Target;
import com.streamproc.bench.workload.ActivityWorkload;
import com.streamproc.bench.workload.CustomerWorkload;
import com.streamproc.bench.workload.OrderWorkload;
import com.streamproc.bench.workload.Workload;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.dynamo.DynamoDbQuarantineWriter;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
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
 * A function as the benchmarks see it: its {@link FunctionDescriptor} (names, tables, the production wiring) and
 * what only the benchmarks need of it, its {@link Profile} (workload, bookkeeping attributes, targets). Two wirings
 * on a given {@link DynamoDbClient}: the production one ({@link #production}) and a single-threaded one without log
 * output for measuring CPU ({@link #singleThreaded}).
 */
public final class BenchFunction {
    /** {@code MAX_CONCURRENT_KEYS} as {@code sam-template.yaml}'s Globals set it for every function. */
    public static final int TEMPLATE_MAX_CONCURRENT_KEYS = 100;

    /**
     * What the benchmarks need of one function beyond its descriptor.
     *
     * @param id                    short name on the command line and in the report
     * @param workload              the seeded workload of a number of records
     * @param bookkeepingAttributes attributes of its items that exist only for exactly-once bookkeeping (applied
     *                              event ids, per-shard marks, versions): a design without idempotency would not
     *                              store them
     * @param bookkeepingKeyPrefix  the key prefix of items that exist only for bookkeeping, or null
     * @param costTarget            its DynamoDB write requests per record
     * @param wruTarget             a target on its whole write bill per record, if it has one
     * @param spreadWorkload        a second cost workload (the same records spread over time), if it has one
     */
    record Profile(String id, WorkloadSource workload, Set<String> bookkeepingAttributes, String bookkeepingKeyPrefix,
                   Target costTarget, Target wruTarget, WorkloadSource spreadWorkload) {
    }

    /** A seeded workload of {@code records} records. */
    @FunctionalInterface
    public interface WorkloadSource {
        Workload generate(int records, long seed);
    }

    /** The benchmarks' profiles, by function name, in report order. */
    private static final Map<String, Profile> PROFILES = profiles();

    private static Map<String, Profile> profiles() {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        profiles.put("order-processing", new Profile("orders", OrderWorkload::generate,
                Set.of("appliedEventIds", "rejectedRecords", "version"), null,
                Target.atMost(1.0, "write requests/record"), BenchReport.ORDERS_WRU_TARGET, null));
        profiles.put("activity-tracking", new Profile("activity",
                (records, seed) -> ActivityWorkload.generate(records, 1_000, 20, seed), Set.of("hwm", "ids", "idSegs"), null,
                Target.atMost(0.3, "write requests/record"), null, null));
        profiles.put("data-cleansing", new Profile("cleansing", CustomerWorkload::generate, Set.of("version"), null,
                Target.atMost(1.0, "write requests/record"), null, CustomerWorkload::generateSpread));
        return profiles;
    }

    private static final List<BenchFunction> ALL = load();

    private final FunctionDescriptor<?> descriptor;
    private final Profile profile;

    private BenchFunction(FunctionDescriptor<?> descriptor, Profile profile) {
        this.descriptor = descriptor;
        this.profile = profile;
    }

    private static List<BenchFunction> load() {
        Map<String, FunctionDescriptor<?>> byName = FunctionDescriptors.all().stream()
                .collect(Collectors.toMap(FunctionDescriptor::name, d -> d));
        for (String name : byName.keySet()) {
            if (!PROFILES.containsKey(name)) {
                throw new IllegalStateException("the benchmarks have no workload for function " + name
                        + ": add its Profile to BenchFunction");
            }
        }
        return PROFILES.entrySet().stream().filter(e -> byName.containsKey(e.getKey()))
                .map(e -> new BenchFunction(byName.get(e.getKey()), e.getValue())).toList();
    }

    /** Every function the benchmarks run, in report order. */
    public static List<BenchFunction> values() {
        return ALL;
    }

    /** The seeded workload of {@code records} records. */
    public Workload workload(int records, long seed) {
        return profile.workload().generate(records, seed);
    }

    /** The records of the second cost run (spread over time), if the function has one. */
    public Optional<WorkloadSource> spreadWorkload() {
        return Optional.ofNullable(profile.spreadWorkload());
    }

    /** Its DynamoDB write requests per record. */
    public Target costTarget() {
        return profile.costTarget();
    }

    /** A target on its whole write bill per record, if it has one. */
    public Optional<Target> wruTarget() {
        return Optional.ofNullable(profile.wruTarget());
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

    /** Short name used on the command line and in the report: orders, activity, cleansing. */
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
