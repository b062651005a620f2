package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

class ShardMapTest {
    /** {@code count} open shards splitting the hash-key space evenly, as CreateStream does. */
    static List<Shard> evenShards(int count) {
        List<Shard> shards = new ArrayList<>();
        BigInteger space = ShardMap.MAX_HASH_KEY.add(BigInteger.ONE);
        for (int i = 0; i < count; i++) {
            BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count));
            BigInteger end = space.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(count))
                    .subtract(BigInteger.ONE);
            shards.add(shard(String.format("shardId-%012d", i), start, end, false));
        }
        return shards;
    }

    static Shard shard(String id, BigInteger start, BigInteger end, boolean closed) {
        return Shard.builder().shardId(id)
                .hashKeyRange(HashKeyRange.builder().startingHashKey(start.toString()).endingHashKey(end.toString())
                        .build())
                .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1")
                        .endingSequenceNumber(closed ? "9" : null).build())
                .build();
    }

    @Test
    void theHashKeyIsTheMd5OfTheKeysUtf8BytesAsAnUnsignedNumber() {
        assertThat(ShardMap.hashKeyOf("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        // A digest whose first byte is above 0x7F is a large number, not a negative one.
        assertThat(ShardMap.hashKeyOf("user-1")).isEqualTo(new BigInteger("d6d7705392bc7af633328bea8c4c6904", 16));
        assertThat(ShardMap.hashKeyOf("ö")).as("UTF-8 bytes").isEqualTo(
                new BigInteger("a172480f4e21d0a124bac19c89569c59", 16));
        for (String key : List.of("a", "user-1", "ö", "ord-42", "x".repeat(256))) {
            assertThat(ShardMap.hashKeyOf(key)).isNotNegative().isLessThanOrEqualTo(ShardMap.MAX_HASH_KEY);
        }
    }

    @Test
    void aKeyGoesToTheShardWhoseRangeHoldsItsHash() {
        ShardMap map = new ShardMap(evenShards(4).stream().map(ShardMapTest::range).toList());

        assertThat(map.shardOfHashKey(BigInteger.ZERO).shardId()).isEqualTo("shardId-000000000000");
        assertThat(map.shardOfHashKey(ShardMap.MAX_HASH_KEY).shardId()).isEqualTo("shardId-000000000003");
        assertThat(map.shardOfHashKey(BigInteger.ONE.shiftLeft(126)).shardId()).isEqualTo("shardId-000000000001");
        assertThat(map.shardOfHashKey(BigInteger.ONE.shiftLeft(126).subtract(BigInteger.ONE)).shardId())
                .isEqualTo("shardId-000000000000");
        // md5("a") = 0x0cc1... is in the first quarter
        assertThat(map.shardOf("a").shardId()).isEqualTo("shardId-000000000000");
        for (String key : List.of("a", "b", "user-1", "ord-42")) {
            ShardMap.ShardRange shard = map.shardOf(key);
            assertThat(shard.holds(ShardMap.hashKeyOf(key))).isTrue();
            assertThat(shard.holds(new BigInteger(shard.explicitHashKey()))).isTrue();
        }
    }

    @Test
    void loadReadsEveryPageAndLeavesClosedShardsOut() {
        List<Shard> shards = new ArrayList<>(evenShards(3));
        shards.add(1, shard("shardId-000000000099", BigInteger.ZERO, ShardMap.MAX_HASH_KEY, true));
        FakeKinesis kinesis = new FakeKinesis().withShards(shards);

        ShardMap map = ShardMap.load(kinesis, "local-orders");

        assertThat(map.shards()).extracting(ShardMap.ShardRange::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(kinesis.listShardsCalls).hasSize(2);
        assertThat(kinesis.listShardsCalls.get(0).streamName()).isEqualTo("local-orders");
        assertThat(kinesis.listShardsCalls.get(1).streamName()).as("NextToken goes without the stream name").isNull();
        assertThat(kinesis.listShardsCalls.get(1).nextToken()).isEqualTo("2");
    }

    @Test
    void rangesWithAGapOrNotReachingTheTopAreRefused() {
        List<ShardMap.ShardRange> gap = List.of(
                new ShardMap.ShardRange("a", BigInteger.ZERO, BigInteger.TEN),
                new ShardMap.ShardRange("b", BigInteger.valueOf(12), ShardMap.MAX_HASH_KEY));
        List<ShardMap.ShardRange> short_ = List.of(new ShardMap.ShardRange("a", BigInteger.ZERO, BigInteger.TEN));

        assertThatThrownBy(() -> new ShardMap(gap)).hasMessageContaining("gaps");
        assertThatThrownBy(() -> new ShardMap(short_)).hasMessageContaining("end before");
        assertThatThrownBy(() -> ShardMap.load(new FakeKinesis().withShards(List.of()), "s"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stream s");
    }

    private static ShardMap.ShardRange range(Shard shard) {
        return new ShardMap.ShardRange(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                new BigInteger(shard.hashKeyRange().endingHashKey()));
    }
}
