package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@ExtendWith(EmulatorStackExtension.class)
class EmulatorStackIT {

    /** Why tests of the node emulators' own behaviour do not run with -Plocalstack. */
    static final String NODE_ONLY = "tests the node emulator processes, which -Plocalstack does not use";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorStack stack;
    private final Map<String, String> names;

    /** The fixture's names get this prefix, so they cannot clash with the project template's "local-*" names. */
    private static final Map<String, String> FIXTURE_PARAMETERS = Map.of("EnvironmentName", "fixture");

    /** Constructor injection; every test of the class (and of the JVM) gets the same shared stack. */
    EmulatorStackIT(EmulatorStack stack) {
        this.stack = stack;
        this.names = stack.createResources(TemplateResourcesTest.fixture(), FIXTURE_PARAMETERS);
    }

    @Test
    void sharedStackIsResolvedForMethodsToo(EmulatorStack parameter) {
        assertThat(parameter).isSameAs(stack);
        assertThat(stack.region()).isEqualTo("us-east-1");
        assertThat(stack.awsEnvironment()).containsEntry("AWS_ENDPOINT_URL_DYNAMODB", stack.dynamoDbEndpoint().toString());
    }

    @Test
    @DisabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack", disabledReason = NODE_ONLY)
    void nodeEmulatorsListenOnLoopbackPortsOfTheirOwn() {
        assertThat(stack).isInstanceOf(NodeEmulatorStack.class);
        assertThat(stack.kinesisEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.kinesisEndpoint().getPort()).isNotEqualTo(stack.dynamoDbEndpoint().getPort());
    }

    @Test
    @EnabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack")
    void localStackServesBothServicesOnItsEdgePort() {
        assertThat(stack).isInstanceOf(LocalStackStack.class);
        assertThat(stack.kinesisEndpoint()).isEqualTo(stack.dynamoDbEndpoint());
        assertThat(stack.awsEnvironment()).containsEntry("AWS_ENDPOINT_URL_KINESIS", stack.kinesisEndpoint().toString());
    }

    @Test
    void createsTheTemplateResourcesIdempotently() {
        assertThat(names).containsEntry("OrdersTable", "fixture-orders").containsEntry("OrdersStream", "fixture-orders");

        // a second creation (bypassing the per-stack cache) accepts the existing tables and streams
        Map<String, String> again = stack.createResources(
                TemplateResources.read(TemplateResourcesTest.fixture(), FIXTURE_PARAMETERS));
        assertThat(again).isEqualTo(names);

        try (DynamoDbClient dynamoDb = stack.dynamoDbClient(); KinesisClient kinesis = stack.kinesisClient()) {
            assertThat(dynamoDb.listTables().tableNames())
                    .contains("fixture-orders", "fixture-dedup-v1", "streamproc-local-AuditTable");
            var orders = dynamoDb.describeTable(b -> b.tableName("fixture-orders")).table();
            assertThat(orders.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(orders.globalSecondaryIndexes()).hasSize(2);
            assertThat(kinesis.listShards(b -> b.streamName(names.get("OrdersStream"))).shards()).hasSize(2);
            assertThat(kinesis.listShards(b -> b.streamName(names.get("ActivityStream"))).shards()).hasSize(4);
        }
    }

    @Test
    void createsTheProjectTemplateResourcesWhenThereIsOne() {
        Path template = stack.samTemplate();
        assumeTrue(Files.isRegularFile(template), "no " + template);

        Map<String, String> created = stack.createTemplateResources();

        assertThat(created).isNotEmpty().allSatisfy((logicalId, name) -> assertThat(name).startsWith("local-"));
        assertThat(stack.createTemplateResources()).isSameAs(created);
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
            TemplateResources resources = TemplateResources.read(template);
            assertThat(dynamoDb.listTables(b -> b.limit(100)).tableNames())
                    .containsAll(resources.tables().stream().map(TemplateResources.Table::tableName).toList());
        }
    }

    @Test
    void kinesisRecordsRoundTrip() throws IOException {
        String stream = names.get("OrdersStream");
        try (KinesisClient kinesis = stack.kinesisClient()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String json = JSON.writeValueAsString(Map.of("orderId", "round-trip-" + i, "total", i * 10));
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("customer-" + i)
                        .data(SdkBytes.fromUtf8String(json))
                        .build());
            }
            PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            assertThat(put.failedRecordCount()).isZero();
            assertThat(put.records()).allSatisfy(r -> assertThat(r.sequenceNumber()).matches("\\d{56}"));

            List<String> orderIds = new ArrayList<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                assertThat(shard.shardId()).matches("shardId-\\d{12}");
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record record : kinesis.getRecords(b -> b.shardIterator(iterator).limit(1000)).records()) {
                    JsonNode json = JSON.readTree(record.data().asByteArray());
                    assertThat(record.approximateArrivalTimestamp()).isNotNull();
                    orderIds.add(json.get("orderId").asText());
                }
            }
            assertThat(orderIds).contains("round-trip-0", "round-trip-1", "round-trip-2", "round-trip-3",
                    "round-trip-4", "round-trip-5");
        }
    }

    @Test
    void conditionalWritesBatchWritesAndIndexQueries() {
        String table = names.get("OrdersTable");
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
            Map<String, AttributeValue> key = Map.of("orderId", s("conditional-1"));
            var created = dynamoDb.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET customerId = :c, createdAt = :t, #s = :s")
                    .conditionExpression("attribute_not_exists(orderId)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":c", s("c-42"), ":t", s("2024-01-01T00:00:00Z"), ":s", s("NEW")))
                    .returnValues(ReturnValue.ALL_NEW));
            assertThat(created.attributes()).containsEntry("status", s("NEW"));

            assertThatThrownBy(() -> dynamoDb.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET #s = :s")
                    .conditionExpression("attribute_not_exists(orderId)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("DUPLICATE")))))
                    .isInstanceOf(ConditionalCheckFailedException.class);

            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, AttributeValue> item = Map.of("orderId", s("batch-" + i), "customerId", s("c-42"),
                        "createdAt", s("2024-01-02T00:00:0" + i + "Z"), "status", s("NEW"), "total", n(i));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            BatchWriteItemResponse batch = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            assertThat(batch.unprocessedItems()).isEmpty();

            QueryResponse byCustomer = dynamoDb.query(b -> b.tableName(table).indexName("byCustomer")
                    .keyConditionExpression("customerId = :c AND createdAt >= :from")
                    .expressionAttributeValues(Map.of(":c", s("c-42"), ":from", s("2024-01-01"))));
            assertThat(byCustomer.count()).isEqualTo(11);
            assertThat(byCustomer.items().get(0)).containsEntry("orderId", s("conditional-1"));

            QueryResponse byStatus = dynamoDb.query(b -> b.tableName(table).indexName("byStatus")
                    .keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("NEW"))));
            assertThat(byStatus.items()).hasSize(11)
                    .allSatisfy(item -> assertThat(item).doesNotContainKey("createdAt")); // INCLUDE projection
        }
    }

    @Test
    @DisabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack", disabledReason = NODE_ONLY)
    void closeLeavesNoProcessRunning(EmulatorStack shared) {
        Path logs = EmulatorProcess.defaultLogDirectory().resolve("close-test");
        NodeEmulatorStack own = EmulatorStack.start(shared.projectRoot(), logs, Duration.ofSeconds(60));
        List<Long> pids = own.processTreePids();
        URI kinesis = own.kinesisEndpoint();
        URI dynamoDb = own.dynamoDbEndpoint();
        assertThat(pids).as("two watchdogs and two servers").hasSize(4);
        assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).isTrue());
        assertThat(accepts(kinesis)).isTrue();

        own.close();

        assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %d after close()", pid).isFalse());
        assertThat(accepts(kinesis)).isFalse();
        assertThat(accepts(dynamoDb)).isFalse();
        own.close(); // idempotent
    }

    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(EmulatorProcess::isRunning).orElse(false);
    }

    static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
