package com.streamproc.shared.testing.fuzz;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.testing.BatchLogCapture;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.fuzz.FuzzBatch.Part;
import com.streamproc.shared.testing.fuzz.FuzzBatch.ValidGroup;
import java.net.URI;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One function under fuzz, wired as in production on the emulators' DynamoDB with the tables of sam-template.yaml:
 * each try renders a batch of parts ({@link FuzzBatch}), hands it to the function as Lambda would, checks what must
 * hold after any batch ({@link FuzzCheck}), then the function's own check of each valid group. What a function's
 * fuzz test adds is its domain: the family of valid events and what their effect in its table must be.
 *
 * <p>Usage, in a jqwik property class with the emulator stack's lifecycle hook: {@link #start} before the container,
 * {@link #handle} in the property, {@link #close} after the container (prints the {@link FuzzReport}).
 */
public final class FuzzRun implements AutoCloseable {
    private static final String SHARD = "shardId-000000000001";

    private final FunctionDescriptor<?> descriptor;
    private final FuzzReport report;
    private final BatchLogCapture log;
    private final DynamoDbClient functionClient;
    private final DynamoDbClient checkClient;
    private final String table;
    private final String quarantineTable;
    private final BatchProcessor<?> processor;
    private final AtomicInteger tries = new AtomicInteger();
    private BigInteger nextSequence = KinesisEventFixture.FIRST_SEQUENCE;

    private FuzzRun(FunctionDescriptor<?> descriptor, Map<String, String> resourceNames, URI dynamoDbEndpoint,
                    DynamoDbClient checkClient) {
        this.descriptor = descriptor;
        this.report = new FuzzReport(descriptor.name());
        this.checkClient = checkClient;
        this.table = physical(resourceNames, descriptor.templateIds().table());
        this.quarantineTable = physical(resourceNames, descriptor.templateIds().quarantineTable());
        this.functionClient = AwsClients.dynamoDb(dynamoDbEndpoint);
        // Before the processor: its log lines go to the System.out of the moment it is built.
        this.log = BatchLogCapture.install();
        this.processor = descriptor.processor(new FunctionEnvironment(Map.of(descriptor.tableVariable(), table,
                "QUARANTINE_TABLE", quarantineTable)), functionClient);
    }

    /**
     * Wires {@code descriptor}'s function on the emulators.
     *
     * @param resourceNames    the template's logical ids to the physical names created on the emulators
     * @param region           the emulators' region: the production client factory reads region and credentials the
     *                         SDK way, from system properties here
     * @param dynamoDbEndpoint the emulators' DynamoDB
     * @param checkClient      the client the checks read with (closed by {@link #close})
     */
    public static FuzzRun start(FunctionDescriptor<?> descriptor, Map<String, String> resourceNames, String region,
                                URI dynamoDbEndpoint, DynamoDbClient checkClient) {
        System.setProperty("aws.region", region);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        return new FuzzRun(descriptor, resourceNames, dynamoDbEndpoint, checkClient);
    }

    private static String physical(Map<String, String> resourceNames, String logicalId) {
        return Objects.requireNonNull(resourceNames.get(logicalId), () -> "no " + logicalId + " among the created "
                + "resources " + resourceNames.keySet());
    }

    /** The physical name of the function's table. */
    public String table() {
        return table;
    }

    /** The client to read the function's table with. */
    public DynamoDbClient checkClient() {
        return checkClient;
    }

    /**
     * One try: renders {@code parts} with {@code family}, has the function handle the batch (records numbered on from
     * the previous try's, on one shard), checks it ({@link FuzzCheck#check}), then runs {@code groupCheck} on each
     * valid group. A failure is reported with the rendered batch.
     */
    public void handle(List<Part> parts, FuzzBatch.Family family, Consumer<ValidGroup> groupCheck) {
        FuzzBatch batch = FuzzBatch.render(parts, family, "fz" + tries.incrementAndGet());
        BigInteger first = nextSequence;
        nextSequence = nextSequence.add(BigInteger.valueOf(batch.records().size() + 1L));
        KinesisEventFixture fixture = KinesisEventFixture.batch().shard(SHARD).arrival(Instant.now());
        batch.addTo(fixture, first);

        FuzzCheck.explaining(batch, () -> {
            log.takeBatchLines();
            StreamsEventResponse response = processor.process(fixture.build(), FakeLambdaContext.withTime(60_000));
            report.add(FuzzCheck.check(batch, response, log.takeBatchLines(), checkClient, quarantineTable, SHARD,
                    first));
            batch.groups().forEach(groupCheck);
        });
    }

    /** Restores standard output, prints the report and closes the clients. */
    @Override
    public void close() {
        log.close();
        report.print(System.out);
        functionClient.close();
        checkClient.close();
    }

    @Override
    public String toString() {
        return "fuzz run of " + descriptor.name();
    }
}
