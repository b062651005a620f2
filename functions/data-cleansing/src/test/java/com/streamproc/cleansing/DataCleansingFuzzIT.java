package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerKeys;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.JqwikEmulatorStack;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.decode.EventJson;
import com.streamproc.shared.testing.BatchLogCapture;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.fuzz.FuzzBatch;
import com.streamproc.shared.testing.fuzz.FuzzBatch.Part;
import com.streamproc.shared.testing.fuzz.FuzzBatch.ValidGroup;
import com.streamproc.shared.testing.fuzz.FuzzCheck;
import com.streamproc.shared.testing.fuzz.FuzzReport;
import com.streamproc.shared.testing.fuzz.FuzzTries;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Data cleansing, wired as in production on dynalite with the tables of sam-template.yaml, fed batches that mix
 * valid source records with arbitrary records: no batch may report a failure, the handler must not throw, every
 * record is applied or quarantined with a reason, and every valid source record reaches its customer.
 *
 * <p>Tries: {@code @Property(tries)} in the normal build, {@code -Dfuzz.tries=N} (the {@code soak} profile) for more.
 */
@AddLifecycleHook(JqwikEmulatorStack.class)
@AddLifecycleHook(FuzzTries.class)
class DataCleansingFuzzIT {
    private static final String SHARD = "shardId-000000000001";
    private static final List<String> SOURCES = List.of("crm", "webshop", "support", "erp");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final FuzzReport REPORT = new FuzzReport(DataCleansingDescriptor.NAME);
    private static BigInteger nextSequence = KinesisEventFixture.FIRST_SEQUENCE;

    private static BatchLogCapture log;
    private static DynamoDbClient functionClient;
    private static DynamoDbClient checkClient;
    private static String quarantineTable;
    private static CustomerQueries queries;
    private static DataCleansingHandler handler;

    @BeforeContainer
    static void start() {
        EmulatorStack stack = JqwikEmulatorStack.stack();
        Map<String, String> names = stack.createTemplateResources();
        quarantineTable = names.get("CleansingQuarantineTable");
        // The production client factory reads region and credentials the SDK way.
        System.setProperty("aws.region", stack.region());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        functionClient = AwsClients.dynamoDb(stack.dynamoDbEndpoint());
        checkClient = stack.dynamoDbClient();
        queries = new CustomerQueries(checkClient, names.get("CustomersTable"));
        // Before the handler: its log lines go to the System.out of the moment it is built.
        log = BatchLogCapture.install();
        handler = new DataCleansingHandler(new DataCleansingDescriptor().processor(new FunctionEnvironment(
                Map.of("CUSTOMERS_TABLE", names.get("CustomersTable"), "QUARANTINE_TABLE", quarantineTable)),
                functionClient));
    }

    @AfterContainer
    static void stop() {
        if (log != null) {
            log.close();
        }
        REPORT.print(System.out);
        if (functionClient != null) {
            functionClient.close();
            checkClient.close();
        }
    }

    @Provide
    Arbitrary<List<Part>> batches() {
        return FuzzBatch.parts(12);
    }

    @Property(tries = 300)
    void everyRecordIsAppliedOrQuarantinedAndNoBatchReportsAFailure(@ForAll("batches") List<Part> parts) {
        FuzzBatch batch = FuzzBatch.render(parts, new SourceRecords(), "fz" + TRIES.incrementAndGet());
        BigInteger first = nextSequence;
        nextSequence = nextSequence.add(BigInteger.valueOf(batch.records().size() + 1L));
        KinesisEventFixture fixture = KinesisEventFixture.batch().shard(SHARD).arrival(Instant.now());
        batch.addTo(fixture, first);

        FuzzCheck.explaining(batch, () -> {
            log.takeBatchLines();
            StreamsEventResponse response = handler.handleRequest(fixture.build(), FakeLambdaContext.withTime(60_000));
            REPORT.add(FuzzCheck.check(batch, response, log.takeBatchLines(), checkClient, quarantineTable, SHARD,
                    first));
            batch.groups().forEach(DataCleansingFuzzIT::assertMerged);
        });
    }

    /**
     * Every valid source record reached its customer; with no arbitrary record of its own, the customer has that
     * source only, as of its newest version.
     */
    private static void assertMerged(ValidGroup group) {
        ObjectNode last = group.events().get(group.events().size() - 1);
        String source = last.get("sourceSystem").asText() + ":" + last.get("sourceRecordId").asText();
        String key = CustomerKeys.forEmail(last.get("email").asText());
        Customer customer = queries.byKey(key).orElseThrow(() -> new AssertionError("no customer " + key));
        assertThat(customer.sources()).as("sources of %s", key).contains(source);
        if (!group.sharedWithArbitrary()) {
            assertThat(customer.sources()).as("sources of %s", key).containsExactly(source);
            assertThat(customer.updatedAt()).as("updatedAt of %s", key)
                    .isEqualTo(Instant.parse(last.get("updatedAt").asText()));
        }
    }

    /** One source record in one or two versions (newer later), with a usable e-mail of its own. */
    static final class SourceRecords implements FuzzBatch.Family {
        @Override
        public List<ObjectNode> validEvents(Random random, String entityId) {
            String system = SOURCES.get(random.nextInt(SOURCES.size()));
            String recordId = "r-" + entityId + (random.nextInt(5) == 0 ? "-测试" : "");
            String email = "c-" + entityId + "@example.com";
            Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 24 * 3600));
            List<ObjectNode> events = new ArrayList<>();
            int versions = 1 + random.nextInt(2);
            for (int v = 0; v < versions; v++) {
                updatedAt = updatedAt.plusSeconds(60 + random.nextInt(86_400));
                CustomerRecordJson json = CustomerRecordJson.record(system, recordId)
                        .with("email", email)
                        .with("updatedAt", updatedAt.toString())
                        .with("fullName", random.nextBoolean() ? "Jane Doe" : "  Zoë  Ñúñez-测试 ");
                if (random.nextBoolean()) {
                    json.without("phone");
                }
                try {
                    events.add((ObjectNode) EventJson.mapper().readTree(json.json()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return events;
        }

        @Override
        public String partitionKey(ObjectNode event) {
            return event.path("sourceSystem").asText() + ":" + event.path("sourceRecordId").asText();
        }

        @Override
        public Set<String> dateFields() {
            return Set.of("updatedAt", "birthDate");
        }
    }
}
