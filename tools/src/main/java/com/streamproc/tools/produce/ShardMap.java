package com.streamproc.tools.produce;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Which open shard of a stream a partition key goes to: Kinesis takes the MD5 of the key's UTF-8 bytes as an
 * unsigned 128-bit number and stores the record in the shard whose hash-key range holds it. An aggregate of user
 * records of one shard is sent with an explicit hash key inside that shard's range, so it lands where each of its
 * user records would have landed on its own.
 *
 * <p>The map is read once ({@code ListShards}); a stream resharded while the producer runs sends later aggregates to
 * the shard that now holds the explicit hash key, which still holds a correct range for all their keys only if the
 * shard was not split. Reshard between runs, not during one.
 */
public final class ShardMap {
    /** The largest hash key: 2^128 - 1. */
    public static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** One open shard and its inclusive hash-key range. */
    public record ShardRange(String shardId, BigInteger startingHashKey, BigInteger endingHashKey) {
        public ShardRange {
            Objects.requireNonNull(shardId, "shardId");
            if (startingHashKey.signum() < 0 || endingHashKey.compareTo(startingHashKey) < 0
                    || endingHashKey.compareTo(MAX_HASH_KEY) > 0) {
                throw new IllegalArgumentException("not a hash-key range: " + startingHashKey + ".." + endingHashKey);
            }
        }

        public boolean holds(BigInteger hashKey) {
            return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
        }

        /** The explicit hash key that sends a record to this shard: its range's start. */
        public String explicitHashKey() {
            return startingHashKey.toString();
        }
    }

    private final List<ShardRange> shards;

    /**
     * @throws IllegalArgumentException when the ranges overlap or leave part of 0..2^128-1 uncovered
     */
    public ShardMap(List<ShardRange> shards) {
        List<ShardRange> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparing(ShardRange::startingHashKey));
        BigInteger next = BigInteger.ZERO;
        for (ShardRange shard : sorted) {
            if (!shard.startingHashKey().equals(next)) {
                throw new IllegalArgumentException("the open shards' hash-key ranges do not cover 0..2^128-1 "
                        + "without gaps or overlaps (at " + shard.shardId() + ")");
            }
            next = shard.endingHashKey().add(BigInteger.ONE);
        }
        if (!next.equals(MAX_HASH_KEY.add(BigInteger.ONE))) {
            throw new IllegalArgumentException("the open shards' hash-key ranges end before 2^128-1");
        }
        this.shards = List.copyOf(sorted);
    }

    /** The open shards of {@code stream} (those without an ending sequence number), from {@code ListShards}. */
    public static ShardMap load(KinesisClient kinesis, String stream) {
        List<ShardRange> open = new ArrayList<>();
        String nextToken = null;
        do {
            String token = nextToken;
            ListShardsResponse page = token == null
                    ? kinesis.listShards(b -> b.streamName(stream))
                    : kinesis.listShards(b -> b.nextToken(token));
            for (Shard shard : page.shards()) {
                boolean closed = shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null;
                if (!closed) {
                    open.add(new ShardRange(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey())));
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null);
        try {
            return new ShardMap(open);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stream " + stream + ": " + e.getMessage(), e);
        }
    }

    /** A map of one shard holding every key. */
    public static ShardMap singleShard(String shardId) {
        return new ShardMap(List.of(new ShardRange(shardId, BigInteger.ZERO, MAX_HASH_KEY)));
    }

    public List<ShardRange> shards() {
        return shards;
    }

    /** The shard {@code partitionKey} hashes to. */
    public ShardRange shardOf(String partitionKey) {
        return shardOfHashKey(hashKeyOf(partitionKey));
    }

    public ShardRange shardOfHashKey(BigInteger hashKey) {
        int low = 0;
        int high = shards.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            ShardRange shard = shards.get(middle);
            if (hashKey.compareTo(shard.startingHashKey()) < 0) {
                high = middle - 1;
            } else if (hashKey.compareTo(shard.endingHashKey()) > 0) {
                low = middle + 1;
            } else {
                return shard;
            }
        }
        throw new IllegalArgumentException("hash key outside 0..2^128-1: " + hashKey);
    }

    /** Kinesis' hash of a partition key: the MD5 of its UTF-8 bytes as an unsigned 128-bit number. */
    public static BigInteger hashKeyOf(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
