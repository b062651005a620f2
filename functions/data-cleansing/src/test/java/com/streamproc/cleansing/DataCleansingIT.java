package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.ReferenceMerge;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.aws.SdkCallCounter;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.dynamo.QuarantineKeys;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The function against kinesis-mock and dynalite, wired as in production: a generated stream of messy records of
 * the same people from several sources, with old versions arriving after new ones, producer duplicates and poison,
 * is put on {@code CustomerRecordsStream}, read back shard by shard in Lambda-sized batches, and handled with the
 * shards running concurrently (so different shards race on the same customer). Then every batch is replayed.
 * The table must equal the reference merge of the expected cleansed records, the replay must write nothing, and
 * customer writes must stay within one per record.
 */
@ExtendWith(EmulatorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataCleansingIT {
    static final int PEOPLE = 60;
    static final int POISON = 10;
    static final int BATCH_SIZE = 100;

    private final SdkCallCounter calls = new SdkCallCounter();
    private final AtomicInteger lostRaces = new AtomicInteger();
    private DynamoDbClient dynamoDb;
    private KinesisClient kinesis;
    private Map<String, String> names;

    @BeforeAll
    void setUp(EmulatorStack stack) {
        names = stack.createTemplateResources();
        kinesis = stack.kinesisClient();
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(stack.awsRegion())
                .credentialsProvider(stack.credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls).addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                        if (context.exception() instanceof ConditionalCheckFailedException) {
                            lostRaces.incrementAndGet();
                        }
                    }
                }))
                .build();
    }

    @Test
    void generatedStreamWithDuplicatesAcrossSourcesAndAReplayMatchesTheReferenceMerge() throws Exception {
        List<GeneratedCustomerStream.Item> items = GeneratedCustomerStream.generate(20261127L, PEOPLE, POISON);
        putOnStream(items);
        Map<String, List<KinesisEvent>> batchesByShard = readBatchesByShard();
        assertThat(batchesByShard.values().stream().flatMap(List::stream).mapToInt(b -> b.getRecords().size()).sum())
                .isEqualTo(items.size());

        calls.reset();
        lostRaces.set(0);
        List<StreamsEventResponse> responses = handleShardsConcurrently(batchesByShard);
        long customerPuts = calls.calls("PutItem");
        long customerReads = calls.calls("GetItem");

        assertThat(responses).allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        Map<String, Customer> expected = referenceMerge(items);
        CustomerQueries queries = new CustomerQueries(dynamoDb, names.get("CustomersTable"));
        Map<String, Customer> stored = new TreeMap<>();
        expected.keySet().forEach(key -> queries.byKey(key).ifPresent(c -> stored.put(key, c)));
        assertThat(stored).isEqualTo(expected);
        assertThat(countItems(names.get("CustomersTable"))).isEqualTo(expected.size());
        long validRecords = items.stream().filter(i -> i.expected() != null).count();
        assertThat(customerPuts).isLessThanOrEqualTo(validRecords);
        System.out.printf("data-cleansing IT: %d records (%d valid) -> %d customers; %d PutItem (%.3f per record),"
                        + " %d of them lost a race between shards; %d GetItem; %.1f WCU%n", items.size(), validRecords,
                expected.size(), customerPuts, (double) customerPuts / items.size(), lostRaces.get(), customerReads,
                calls.consumedWriteCapacity());

        assertQuarantineByReasonAndSource(items);
        assertPhoneLookupFindsCustomers(queries, expected);

        calls.reset();
        List<StreamsEventResponse> replay = handleShardsConcurrently(batchesByShard);

        assertThat(replay).allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        assertThat(calls.calls("PutItem")).isZero();
        Map<String, Customer> afterReplay = new TreeMap<>();
        expected.keySet().forEach(key -> queries.byKey(key).ifPresent(c -> afterReplay.put(key, c)));
        assertThat(afterReplay).isEqualTo(expected);
    }

    private void assertQuarantineByReasonAndSource(List<GeneratedCustomerStream.Item> items) {
        String quarantine = names.get("CleansingQuarantineTable");
        Map<String, Long> expectedByReason = items.stream().filter(i -> i.poisonReason() != null)
                .map(i -> i.partitionKey() + " " + i.poisonReason()).distinct()
                .collect(Collectors.groupingBy(k -> k.substring(k.indexOf(' ') + 1), TreeMap::new, Collectors.counting()));
        Map<String, Long> byReason = new TreeMap<>();
        for (String reason : expectedByReason.keySet()) {
            List<Map<String, AttributeValue>> found = query(quarantine, "byReason", QuarantineKeys.REASON_HASH, reason);
            byReason.put(reason, (long) found.size());
            assertThat(found).allSatisfy(item -> {
                assertThat(item.get("fieldReasons").l()).isNotEmpty();
                assertThat(GeneratedCustomerStream.SOURCES).contains(item.get("source").s());
            });
        }
        assertThat(byReason).isEqualTo(expectedByReason);
        long fromErp = items.stream().filter(i -> i.poisonReason() != null && i.partitionKey().startsWith("erp:"))
                .map(GeneratedCustomerStream.Item::partitionKey).distinct().count();
        assertThat(query(quarantine, "bySource", QuarantineKeys.SOURCE_HASH, "erp")).hasSize((int) fromErp);
    }

    private void assertPhoneLookupFindsCustomers(CustomerQueries queries, Map<String, Customer> expected) {
        for (Customer customer : expected.values()) {
            String phone = customer.value(CustomerField.PHONE);
            if (phone != null) {
                assertThat(queries.byPhone(phone, null)).as(phone).contains(customer);
            }
        }
    }

    private Map<String, Customer> referenceMerge(List<GeneratedCustomerStream.Item> items) {
        Map<String, List<CleansedRecord>> byCustomer = items.stream().filter(i -> i.expected() != null)
                .map(GeneratedCustomerStream.Item::expected)
                .collect(Collectors.groupingBy(CleansedRecord::customerKey));
        Map<String, Customer> expected = new TreeMap<>();
        byCustomer.forEach((key, records) -> expected.put(key, ReferenceMerge.of(key, records)));
        return expected;
    }

    private List<StreamsEventResponse> handleShardsConcurrently(Map<String, List<KinesisEvent>> batchesByShard)
            throws Exception {
        FunctionEnvironment env = new FunctionEnvironment(Map.of(
                "CUSTOMERS_TABLE", names.get("CustomersTable"),
                "QUARANTINE_TABLE", names.get("CleansingQuarantineTable"),
                "MAX_CONCURRENT_KEYS", "4"));
        ExecutorService shards = Executors.newFixedThreadPool(batchesByShard.size());
        try {
            List<Future<List<StreamsEventResponse>>> running = new ArrayList<>();
            for (List<KinesisEvent> batches : batchesByShard.values()) {
                running.add(shards.submit(() -> {
                    // One execution environment per shard, as Lambda runs them.
                    DataCleansingHandler handler = new DataCleansingHandler(
                            new DataCleansingDescriptor().processor(env, dynamoDb));
                    List<StreamsEventResponse> responses = new ArrayList<>();
                    for (KinesisEvent batch : batches) {
                        responses.add(handler.handleRequest(batch, FakeLambdaContext.withTime(60_000)));
                    }
                    return responses;
                }));
            }
            List<StreamsEventResponse> all = new ArrayList<>();
            for (Future<List<StreamsEventResponse>> shard : running) {
                all.addAll(shard.get());
            }
            return all;
        } finally {
            shards.shutdownNow();
        }
    }

    private void putOnStream(List<GeneratedCustomerStream.Item> items) {
        String stream = names.get("CustomerRecordsStream");
        for (int start = 0; start < items.size(); start += 500) {
            List<PutRecordsRequestEntry> entries = items.subList(start, Math.min(items.size(), start + 500)).stream()
                    .map(i -> PutRecordsRequestEntry.builder().partitionKey(i.partitionKey())
                            .data(SdkBytes.fromString(i.json(), StandardCharsets.UTF_8)).build())
                    .toList();
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            assertThat(response.failedRecordCount()).isZero();
        }
    }

    /** Reads each shard from the start, in batches of at most {@link #BATCH_SIZE}, as Lambda-format events. */
    private Map<String, List<KinesisEvent>> readBatchesByShard() {
        String stream = names.get("CustomerRecordsStream");
        Map<String, List<KinesisEvent>> batches = new TreeMap<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<KinesisEvent> shardBatches = new ArrayList<>();
            while (iterator != null) {
                String from = iterator;
                GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(from).limit(BATCH_SIZE));
                if (page.records().isEmpty()) {
                    break;
                }
                KinesisEventFixture fixture = KinesisEventFixture.batch().shard(shard.shardId());
                for (Record record : page.records()) {
                    fixture.sequence(new BigInteger(record.sequenceNumber()))
                            .arrival(record.approximateArrivalTimestamp())
                            .recordBytes(record.partitionKey(), record.data().asByteArray());
                }
                shardBatches.add(fixture.build());
                iterator = page.nextShardIterator();
            }
            if (!shardBatches.isEmpty()) {
                batches.put(shard.shardId(), shardBatches);
            }
        }
        return batches;
    }

    /** The whole items an index holds under {@code value}: every bucket queried, each entry read by its key. */
    private List<Map<String, AttributeValue>> query(String table, String index, String attribute, String value) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String bucket : QuarantineKeys.indexValues(value)) {
            Map<String, AttributeValue> startKey = null;
            do {
                Map<String, AttributeValue> from = startKey;
                QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(index)
                        .keyConditionExpression("#a = :v")
                        .expressionAttributeNames(Map.of("#a", attribute))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(bucket)))
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> entry : page.items()) {
                    items.add(dynamoDb.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(
                            QuarantineKeys.TABLE_HASH, entry.get(QuarantineKeys.TABLE_HASH),
                            QuarantineKeys.TABLE_RANGE, entry.get(QuarantineKeys.TABLE_RANGE)))).item());
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return items;
    }

    /** Test-only completeness check (no customer beyond the expected ones); analysts never Scan. */
    private int countItems(String table) {
        int count = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            var page = dynamoDb.scan(b -> b.tableName(table).select("COUNT").exclusiveStartKey(from));
            count += page.count();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return count;
    }
}
