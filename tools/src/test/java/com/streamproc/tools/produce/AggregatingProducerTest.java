package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code produce --aggregate}: KPL aggregates per shard, counted, retried and reported per event. */
class AggregatingProducerTest {
    private final FakeKinesis kinesis = new FakeKinesis().withShards(ShardMapTest.evenShards(4));
    private final ShardMap shards = ShardMap.load(kinesis, "any");
    private final RecordingReport report = new RecordingReport();
    private final ProduceStats stats = new ProduceStats();

    private Producer producer() {
        Map<PipelineFunction, EventContract> contracts = new java.util.TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            contracts.put(function, new DecoderContract<KeyedTestEvent>(function,
                    new JsonRecordDecoder<>(KeyedTestEvent.class), KeyedTestEvent::key,
                    List.of("key")));
        }
        PutRecordsSender sender = new PutRecordsSender(kinesis,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)), d -> { }, new SplittableRandom(1));
        return new Producer(contracts, f -> "local-" + f.eventType(), sender, RequestBatcher.standard(true),
                null, report, stats, false, Duration.ofSeconds(30), System::nanoTime)
                .aggregating(new RecordAggregator(stream -> shards));
    }

    private static List<InputEvent> events(int count, int keys) {
        List<InputEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new InputEvent(TestFunctions.ACTIVITY_TRACKING,
                    ("{\"key\":\"u-" + (i % keys) + "\",\"note\":\"n" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                    "in:" + i));
        }
        return events;
    }

    /** Every user record stored, in stream order per shard, as "key note". */
    private List<String> storedUserRecords() throws Exception {
        List<String> users = new ArrayList<>();
        for (FakeKinesis.Stored stored : kinesis.stored) {
            ShardMap.ShardRange shard = shards.shardOfHashKey(stored.explicitHashKey() != null
                    ? new BigInteger(stored.explicitHashKey()) : ShardMap.hashKeyOf(stored.partitionKey()));
            for (String user : RecordAggregatorTest.userRecords(stored.bytes(), stored.partitionKey())) {
                String key = user.substring(0, user.indexOf(' '));
                assertThat(shards.shardOf(key)).as("%s is stored in the shard its key hashes to", user)
                        .isEqualTo(shard);
                users.add(key + " " + user.substring(user.indexOf("\"note\":\"") + 8, user.length() - 2));
            }
        }
        return users;
    }

    @Test
    void aThousandEventsGoAsAFewAggregatesInTheirShardsEachKeyInOrder() throws Exception {
        ProduceStats.Snapshot result = producer().run(events(1000, 50).iterator());

        assertThat(result.sent()).isEqualTo(1000);
        assertThat(result.counts()).isEqualTo("sent=1000 retried=0 rejected=0 failed=0");
        assertThat(kinesis.stored).hasSizeLessThanOrEqualTo(4 * RecordAggregator.LANE_GROUPS);
        assertThat(kinesis.putRecordsCalls).allSatisfy(call -> {
            assertThat(call.records()).allSatisfy(e -> assertThat(e.explicitHashKey()).isNotNull());
            assertThat(call.records()).extracting(e -> e.explicitHashKey()).as("one record per shard per request")
                    .doesNotHaveDuplicates();
        });
        List<String> users = storedUserRecords();
        assertThat(users).hasSize(1000);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        users.forEach(u -> byKey.computeIfAbsent(u.split(" ")[0], k -> new ArrayList<>())
                .add(Integer.parseInt(u.split(" ")[1].substring(1))));
        assertThat(byKey).hasSize(50).allSatisfy((key, order) -> assertThat(order).hasSize(20).isSorted());
    }

    @Test
    void aRetriedAggregateCountsItsEventsAndKeepsTheirOrder() throws Exception {
        // The first request fails its first aggregate once.
        kinesis.thenAnswer(entries -> PutRecordsSenderTest.codes(entries.size(), 0,
                "ProvisionedThroughputExceededException"));

        ProduceStats.Snapshot result = producer().run(events(100, 10).iterator());

        assertThat(kinesis.putRecordsCalls.get(1).records()).as("the failed aggregate, again").hasSize(1);
        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.retried()).as("the events of the retried aggregate").isBetween(1L, 99L);
        assertThat(storedUserRecords()).hasSize(100);
    }

    @Test
    void anAggregateKinesisNeverTakesIsReportedAsEachOfItsEvents() throws Exception {
        for (int i = 0; i < 3; i++) {
            kinesis.thenAnswer(entries -> Collections.nCopies(entries.size(), "InternalFailure"));
        }

        ProduceStats.Snapshot result = producer().run(events(30, 3).iterator());

        assertThat(result.failed()).isEqualTo(30);
        assertThat(result.sent()).isZero();
        assertThat(report.unsent).hasSize(30).allSatisfy(u -> {
            assertThat(u.errorCode()).isEqualTo("InternalFailure");
            assertThat(u.record().isAggregate()).isFalse();
            assertThat(u.attempts()).isEqualTo(3);
        });
        assertThat(report.unsent).extracting(u -> u.record().origin())
                .containsExactlyInAnyOrderElementsOf(events(30, 3).stream().map(InputEvent::origin).toList());
        assertThat(report.unsent).allSatisfy(u -> assertThat(new String(u.record().data(), StandardCharsets.UTF_8))
                .contains("\"key\":\"" + u.record().partitionKey() + "\""));
    }
}
