package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.store.DynamoDbActivityStore;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.ActivityTotals;
import com.streamproc.activity.testing.ActivityWorkload;
import com.streamproc.activity.testing.LambdaShardRunner;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.TestActivity;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.aws.SdkCallCounter;
import com.streamproc.shared.dynamo.QuarantineShardReader;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The activity function against kinesis-mock and dynalite, tables and stream created from sam-template.yaml. Each
 * test uses its own days, so that their aggregates (and active-user counts) do not mix.
 */
@ExtendWith(EmulatorStackExtension.class)
class ActivityTrackingIT {
    private static EmulatorStack stack;
    private static String table;
    private static String quarantineTable;
    private static String stream;

    @BeforeAll
    static void createResources(EmulatorStack emulators) {
        stack = emulators;
        Map<String, String> names = stack.createTemplateResources();
        table = names.get("ActivityTable");
        quarantineTable = names.get("ActivityQuarantineTable");
        stream = names.get("ActivityStream");
    }

    private static DynamoDbClient countingClient(SdkCallCounter counter) {
        return DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(stack.awsRegion())
                .credentialsProvider(stack.credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /**
     * 10 batches of 1,000 records (Zipf users, 20 actions, three hours across midnight) on one shard: every
     * DynamoDB write request the function sends is counted by the SDK, and the aggregates match the reference.
     */
    @Test
    void zipfWorkloadStaysWithinTheWriteBudgetOnDynamoDb() {
        SdkCallCounter counter = new SdkCallCounter();
        try (DynamoDbClient dynamoDb = countingClient(counter)) {
            ActivityHarness harness = new ActivityHarness(new DynamoDbActivityStore(dynamoDb, table), 8);
            ShardRecords shard = new ShardRecords("shardId-000000000000");
            List<TestActivity> events = ActivityWorkload.zipf(7, true).next(10_000, 10_000);
            events.forEach(shard::add);
            LambdaShardRunner runner = harness.runner();

            for (int from = 0; from < shard.size(); from += 1000) {
                StreamsEventResponse response = runner.invoke(shard, from, from + 1000);
                assertThat(response.getBatchItemFailures()).as("batch from %d", from).isEmpty();
            }

            double perRecord = counter.writeRequests() / (double) events.size();
            System.out.printf("activity write budget on dynalite: %s, %.1f WCU consumed, %.3f write requests/record%n",
                    counter.snapshot(), counter.consumedWriteCapacity(), perRecord);
            assertThat(perRecord).isLessThanOrEqualTo(0.3);
            ActivityTotals expected = ActivityTotals.reference(events);
            ActivityTotals stored = harness.stored(expected);
            assertThat(ActivityTotals.differences(expected, stored)).isEmpty();
        }
    }

    /**
     * A generated stream with producer duplicates and poison records goes through kinesis-mock (real shards and
     * sequence numbers); each shard is processed concurrently by the production wiring of the handler, then one
     * batch is delivered again. The aggregates equal a reference count and the poison is quarantined.
     */
    @Test
    void streamWithDuplicatesAndAReplayMatchesTheReferenceCount() throws Exception {
        ActivityWorkload workload = new ActivityWorkload(11, 150, 1.2, 12, Instant.parse("2026-11-20T23:00:00Z"),
                Duration.ofHours(2), true);
        List<TestActivity> events = new ArrayList<>(workload.next(2000, 2000));
        Random random = new Random(3);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (TestActivity event : events) {
            entries.add(entry(event.userId(), event.json()));
            if (random.nextInt(20) == 0) {
                entries.add(entry(event.userId(), event.json()));
            }
        }
        entries.add(entry("user-0001", "{\"schemaVersion\":1,\"eventId\":\"bad-1\",\"userId\":\"user-0001\","
                + "\"action\":\"Not Valid\",\"occurredAt\":\"2026-11-20T23:30:00Z\"}"));
        entries.add(entry("user-0002", "{not json"));
        List<ShardRecords> shards = putAndReadBack(entries);
        assertThat(shards.stream().mapToInt(ShardRecords::size).sum()).isEqualTo(entries.size());

        ActivityTrackingHandler handler = productionHandler();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (ShardRecords shard : shards) {
            running.add(CompletableFuture.runAsync(() -> new LambdaShardRunner(handler, System::nanoTime)
                    .runFrom(shard, 0, 500, 50)));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
        ShardRecords busiest = shards.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        StreamsEventResponse replay = handler.handleRequest(busiest.batch(0, Math.min(busiest.size(), 500)),
                FakeLambdaContext.withTime(60_000));

        assertThat(replay.getBatchItemFailures()).isEmpty();
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
            ActivityTotals expected = ActivityTotals.reference(events);
            ActivityTotals stored = ActivityTotals.stored(new ActivityQueries(dynamoDb, table), expected);
            assertThat(ActivityTotals.differences(expected, stored)).isEmpty();
            assertThat(quarantined(dynamoDb, shards)).isEqualTo(2);
        }
    }

    /** The handler as Lambda builds it (no-arg path): environment variables, shared AWS client, real quarantine. */
    private static ActivityTrackingHandler productionHandler() {
        System.setProperty("aws.region", stack.region());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.endpointUrlDynamoDb", stack.dynamoDbEndpoint().toString());
        return new ActivityTrackingHandler(new ActivityTrackingDescriptor().processor(new FunctionEnvironment(
                Map.of("ACTIVITY_TABLE", table, "QUARANTINE_TABLE", quarantineTable)),
                com.streamproc.shared.aws.AwsClients.dynamoDb()));
    }

    private static PutRecordsRequestEntry entry(String partitionKey, String data) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey)
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)).build();
    }

    /** Puts the entries in order (retrying throttled ones) and reads every shard back from its start. */
    private static List<ShardRecords> putAndReadBack(List<PutRecordsRequestEntry> entries) throws InterruptedException {
        try (KinesisClient kinesis = stack.kinesisClient()) {
            for (int start = 0; start < entries.size(); start += 250) {
                List<PutRecordsRequestEntry> pending = entries.subList(start, Math.min(entries.size(), start + 250));
                for (int attempt = 1; !pending.isEmpty(); attempt++) {
                    assertThat(attempt).as("put attempts").isLessThan(20);
                    List<PutRecordsRequestEntry> sending = pending;
                    PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(sending));
                    List<PutRecordsRequestEntry> failed = new ArrayList<>();
                    for (int i = 0; i < sending.size(); i++) {
                        PutRecordsResultEntry result = response.records().get(i);
                        if (result.errorCode() != null) {
                            failed.add(sending.get(i));
                        }
                    }
                    pending = failed;
                    if (!pending.isEmpty()) {
                        Thread.sleep(200);
                    }
                }
            }
            List<ShardRecords> shards = new ArrayList<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                ShardRecords records = new ShardRecords(shard.shardId());
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
                    for (Record record : page.records()) {
                        records.add(new BigInteger(record.sequenceNumber()), record.partitionKey(),
                                record.data().asUtf8String());
                    }
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
                if (records.size() > 0) {
                    shards.add(records);
                }
            }
            return shards;
        }
    }

    private static long quarantined(DynamoDbClient dynamoDb, List<ShardRecords> shards) {
        QuarantineShardReader reader = new QuarantineShardReader(dynamoDb, quarantineTable);
        long count = 0;
        for (ShardRecords shard : shards) {
            count += reader.count(shard.shardId());
        }
        return count;
    }
}
