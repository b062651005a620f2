package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.kpl.KplAggregate;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordAggregatorTest {
    private static final ShardMap FOUR_SHARDS = ShardMap.load(new FakeKinesis().withShards(ShardMapTest.evenShards(4)),
            "s");

    private final RecordAggregator aggregator = new RecordAggregator(stream -> FOUR_SHARDS);

    private static OutboundRecord event(String key, String text) {
        return new OutboundRecord(TestFunctions.ACTIVITY_TRACKING, key, text.getBytes(StandardCharsets.UTF_8),
                "in:" + text, true);
    }

    /** The user records of a packed record, as "key text" (a bare record is its own single user record). */
    static List<String> userRecords(byte[] data, String partitionKey) throws Exception {
        if (!KplAggregate.isAggregated(ByteBuffer.wrap(data))) {
            return List.of(partitionKey + " " + new String(data, StandardCharsets.UTF_8));
        }
        List<String> users = new ArrayList<>();
        for (KplAggregate.UserRecord user : KplAggregate.read(ByteBuffer.wrap(data))) {
            byte[] bytes = new byte[user.data().remaining()];
            user.data().duplicate().get(bytes);
            users.add(user.partitionKey() + " " + new String(bytes, StandardCharsets.UTF_8));
        }
        return users;
    }

    @Test
    void eventsOfOneLaneGroupShareAnAggregateWhoseHashKeyIsInTheirShard() throws Exception {
        List<OutboundRecord> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(event("user-" + (i % 40), "e" + i));
        }

        List<OutboundRecord> packed = aggregator.pack("s", events);

        assertThat(packed).allMatch(OutboundRecord::isAggregate);
        assertThat(packed.size()).isLessThanOrEqualTo(4 * RecordAggregator.LANE_GROUPS).isLessThan(40);
        List<String> all = new ArrayList<>();
        Map<String, String> aggregateKeyOfUser = new LinkedHashMap<>();
        for (OutboundRecord record : packed) {
            ShardMap.ShardRange shard = FOUR_SHARDS.shardOfHashKey(new BigInteger(record.explicitHashKey()));
            List<String> users = userRecords(record.data(), record.partitionKey());
            assertThat(users).hasSize(record.eventCount());
            for (String user : users) {
                String key = user.split(" ")[0];
                assertThat(FOUR_SHARDS.shardOf(key)).isEqualTo(shard);
                assertThat(record.partitionKey()).isEqualTo(RecordAggregator.aggregateKey(shard, key));
                assertThat(aggregateKeyOfUser.putIfAbsent(key, record.partitionKey()))
                        .as("every event of %s under one aggregate key", key).isIn(null, record.partitionKey());
            }
            assertThat(record.userRecords()).extracting(OutboundRecord::origin)
                    .containsExactlyElementsOf(users.stream().map(u -> "in:" + u.split(" ")[1]).toList());
            all.addAll(users);
        }
        assertThat(all).hasSize(400);
        assertThat(aggregateKeyOfUser.values().stream().distinct().count()).as("lane groups in use").isGreaterThan(4);
        // Every key's events stay in input order.
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (String user : all) {
            byKey.computeIfAbsent(user.split(" ")[0], k -> new ArrayList<>())
                    .add(Integer.parseInt(user.split(" ")[1].substring(1)));
        }
        assertThat(byKey).hasSize(40).allSatisfy((key, order) -> assertThat(order).isSorted());
    }

    @Test
    void anAggregateStopsBeforeTheKinesisRecordLimitAndALoneEventIsAnAggregateOfOne() throws Exception {
        String big = "x".repeat(400 * 1024);
        List<OutboundRecord> events = List.of(event("k", big + "1"), event("k", big + "2"), event("k", big + "3"));

        List<OutboundRecord> packed = aggregator.pack("s", events);

        assertThat(packed).extracting(OutboundRecord::eventCount).containsExactly(2, 1);
        assertThat(packed).allMatch(OutboundRecord::isAggregate)
                .allSatisfy(r -> assertThat(r.sizeBytes()).isLessThanOrEqualTo(KinesisLimits.MAX_RECORD_BYTES));
        assertThat(userRecords(packed.get(1).data(), "?")).containsExactly("k " + big + "3");
        assertThat(packed.get(1).partitionKey()).as("the lane group's key, as for the events before it")
                .isEqualTo(packed.get(0).partitionKey());
        assertThat(packed.get(0).orderKey()).isEqualTo(packed.get(1).orderKey());
    }

    @Test
    void anEventThatFitsKinesisOnlyBareIsSentBare() throws Exception {
        // 1 MiB with its key: the aggregate's magic, protobuf framing and MD5 would push it over.
        String key = "k";
        String data = "y".repeat(KinesisLimits.MAX_RECORD_BYTES - key.length());
        List<OutboundRecord> packed = aggregator.pack("s", List.of(event(key, "a"), event(key, data),
                event(key, "b"), event(key, "c")));

        assertThat(packed).extracting(OutboundRecord::eventCount).containsExactly(1, 1, 2);
        assertThat(packed.get(0).isAggregate()).isTrue();
        assertThat(packed.get(1).isAggregate()).isFalse();
        assertThat(packed.get(1).partitionKey()).isEqualTo(key);
        assertThat(packed.get(1).sizeBytes()).isEqualTo(KinesisLimits.MAX_RECORD_BYTES);
        assertThat(packed.get(1).orderKey()).as("one record per shard per request still")
                .isEqualTo(packed.get(0).orderKey());
        assertThat(userRecords(packed.get(2).data(), key)).containsExactly("k b", "k c");
    }

    @Test
    void theRecordsKeyCountsAgainstTheLimit() {
        String key = "k".repeat(256);
        int each = (KinesisLimits.MAX_RECORD_BYTES - 256) / 2 - 300;
        List<OutboundRecord> packed = aggregator.pack("s", List.of(event(key, "a".repeat(each)),
                event(key, "b".repeat(each)), event(key, "c".repeat(1000))));

        assertThat(packed).allSatisfy(r -> assertThat(r.sizeBytes()).isLessThanOrEqualTo(KinesisLimits.MAX_RECORD_BYTES));
        assertThat(packed.stream().mapToInt(OutboundRecord::eventCount).sum()).isEqualTo(3);
    }
}
