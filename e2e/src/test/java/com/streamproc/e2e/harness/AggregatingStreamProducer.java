package com.streamproc.e2e.harness;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.shared.kpl.KplAggregate;
import com.streamproc.shared.kpl.KplAggregateWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Puts records on a stream as a producer using the Kinesis Producer Library does: most of them packed, per shard, into
 * KPL aggregates (usually several user records per Kinesis record, sometimes one), each sent with an explicit hash
 * key in the shard its user records' partition keys hash to; some sent plain; and some aggregates sent a second time, byte for byte, as a
 * KPL that did not get the answer to its first put would (their user records arrive twice, under a new sequence
 * number). Seeded: the same seed and records make the same choices.
 *
 * <p>Which user records may share an aggregate depends on the consumer's {@code ParallelizationFactor}. Lambda keeps
 * records in order per <em>Kinesis</em> partition key, and an aggregate's key is its first user record's (as with
 * the KPL): with a factor above 1, two aggregates holding events of one key under different aggregate keys may run
 * in different lanes, at the same time, out of order. So with {@code acrossKeys} (factor 1) an aggregate holds any
 * user records of one shard; without it, only user records of one partition key, whose own key is then the
 * aggregate's too, exactly as for that key's plain records.
 *
 * <p>Returns every user record with the place Kinesis gave it: the shard, its aggregate's sequence number and its
 * sub-sequence number (a plain record has none), so the reference models read the input in the order the functions
 * see it. A record whose own bytes start with the aggregation format's magic bytes is always sent plain: inside an
 * aggregate it would be judged as JSON, not as an aggregate.
 */
public final class AggregatingStreamProducer {
    /** Share of records sent plain, between aggregates of their shard. */
    static final double PLAIN_SHARE = 0.2;
    /** Share of aggregates sent a second time. */
    static final double RESENT_SHARE = 0.15;
    /** An aggregate is closed at this many user records at most (drawn per aggregate from 2 up to it). */
    static final int MAX_USER_RECORDS = 12;
    private static final int MAX_ENTRIES = 500;
    private static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    private static final int MAX_ROUNDS = 20;

    /**
     * What was put.
     *
     * @param kinesisRecords     Kinesis records stored (what the event source mapping reads and counts)
     * @param aggregates         of those, aggregates (re-sent copies included)
     * @param resentAggregates   of those, second copies of an aggregate
     * @param poisonInAggregates user records inside aggregates that the predicate calls poison (copies included)
     */
    public record Summary(int userRecords, int kinesisRecords, int aggregates, int resentAggregates,
                          int poisonInAggregates) {
        @Override
        public String toString() {
            return userRecords + " user records in " + kinesisRecords + " Kinesis records (" + aggregates
                    + " aggregates, " + resentAggregates + " of them re-sent; " + poisonInAggregates
                    + " poison user records in aggregates)";
        }
    }

    /** The delivered user records and the summary. */
    public record Result<I>(List<Delivered<I>> delivered, Summary summary) {
    }

    /** One Kinesis record to put: a plain record, or an aggregate of several. */
    private record Unit<I>(List<Produced<I>> records, String explicitHashKey, byte[] data, boolean resent) {
        boolean aggregate() {
            return explicitHashKey != null;
        }

        String partitionKey() {
            return records.get(0).partitionKey();
        }
    }

    private record ShardRange(String shardId, BigInteger start, BigInteger end) {
    }

    private AggregatingStreamProducer() {
    }

    /**
     * @param acrossKeys whether an aggregate may hold user records of several partition keys (of one shard); only
     *                   when the consumer's {@code ParallelizationFactor} is 1
     * @param poison     which intents are poison, for the summary
     */
    public static <I> Result<I> put(KinesisClient kinesis, String streamName, List<Produced<I>> records, long seed,
                                    boolean acrossKeys, Predicate<I> poison) {
        Random random = new Random(seed);
        List<ShardRange> shards = openShards(kinesis, streamName);
        List<Unit<I>> units = new ArrayList<>();
        // The aggregate being filled, per group: a shard, or a shard and a partition key.
        Map<String, List<Produced<I>>> open = new LinkedHashMap<>();
        Map<String, Integer> targetSize = new LinkedHashMap<>();
        Map<String, ShardRange> shardOfGroup = new LinkedHashMap<>();
        for (Produced<I> record : records) {
            ShardRange shard = shardOf(shards, record.partitionKey());
            String group = acrossKeys ? shard.shardId() : shard.shardId() + "\u0000" + record.partitionKey();
            shardOfGroup.put(group, shard);
            if (KplAggregate.isAggregated(ByteBuffer.wrap(record.data())) || random.nextDouble() < PLAIN_SHARE) {
                close(group, shard, open, units, random);
                units.add(new Unit<>(List.of(record), null, record.data(), false));
                continue;
            }
            List<Produced<I>> pending = open.computeIfAbsent(group, s -> new ArrayList<>());
            if (!pending.isEmpty() && !fits(pending, record)) {
                close(group, shard, open, units, random);
                pending = open.computeIfAbsent(group, s -> new ArrayList<>());
            }
            if (pending.isEmpty()) {
                targetSize.put(group, 2 + random.nextInt(MAX_USER_RECORDS - 1));
            }
            pending.add(record);
            if (pending.size() >= targetSize.get(group)) {
                close(group, shard, open, units, random);
            }
        }
        for (String group : new ArrayList<>(open.keySet())) {
            close(group, shardOfGroup.get(group), open, units, random);
        }
        // Some aggregates go again, later, byte for byte.
        int resent = 0;
        for (int i = 0; i < units.size(); i++) {
            Unit<I> unit = units.get(i);
            if (unit.aggregate() && !unit.resent() && random.nextDouble() < RESENT_SHARE) {
                int at = i + 1 + random.nextInt(units.size() - i);
                units.add(at, new Unit<>(unit.records(), unit.explicitHashKey(), unit.data(), true));
                resent++;
            }
        }

        List<Delivered<I>> delivered = new ArrayList<>();
        int from = 0;
        while (from < units.size()) {
            int to = from;
            long bytes = 0;
            while (to < units.size() && to - from < MAX_ENTRIES) {
                Unit<I> next = units.get(to);
                long size = next.data().length + next.partitionKey().getBytes(StandardCharsets.UTF_8).length;
                if (to > from && bytes + size > MAX_REQUEST_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            putAll(kinesis, streamName, shards, units.subList(from, to), delivered);
            from = to;
        }
        int aggregates = 0;
        int poisonInAggregates = 0;
        for (Unit<I> unit : units) {
            if (unit.aggregate()) {
                aggregates++;
                poisonInAggregates += (int) unit.records().stream().filter(r -> poison.test(r.intent())).count();
            }
        }
        return new Result<>(delivered, new Summary(delivered.size(), units.size(), aggregates, resent,
                poisonInAggregates));
    }

    private static <I> boolean fits(List<Produced<I>> pending, Produced<I> next) {
        KplAggregateWriter writer = new KplAggregateWriter();
        pending.forEach(r -> writer.add(r.partitionKey(), null, r.data()));
        int limit = KplAggregateWriter.MAX_KINESIS_RECORD_BYTES
                - pending.get(0).partitionKey().getBytes(StandardCharsets.UTF_8).length;
        return writer.fits(next.partitionKey(), null, next.data(), limit);
    }

    /**
     * Ends the group's open aggregate: an aggregate of its user records; when it holds only one, that record plain
     * or, as often, an aggregate of one (a KPL flushing a lone record on its deadline).
     */
    private static <I> void close(String group, ShardRange shard, Map<String, List<Produced<I>>> open,
                                  List<Unit<I>> units, Random random) {
        List<Produced<I>> pending = open.remove(group);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        if (pending.size() == 1 && random.nextBoolean()) {
            units.add(new Unit<>(List.copyOf(pending), null, pending.get(0).data(), false));
            return;
        }
        KplAggregateWriter writer = new KplAggregateWriter();
        pending.forEach(r -> writer.add(r.partitionKey(), null, r.data()));
        units.add(new Unit<>(List.copyOf(pending), shard.start().toString(), writer.build(), false));
    }

    private static <I> void putAll(KinesisClient kinesis, String streamName, List<ShardRange> shards,
                                   List<Unit<I>> chunk, List<Delivered<I>> delivered) {
        List<Unit<I>> pending = chunk;
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            List<PutRecordsRequestEntry> entries = pending.stream()
                    .map(u -> PutRecordsRequestEntry.builder().partitionKey(u.partitionKey())
                            .explicitHashKey(u.explicitHashKey()).data(SdkBytes.fromByteArray(u.data())).build())
                    .toList();
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(entries));
            List<Unit<I>> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                Unit<I> unit = pending.get(i);
                if (result.errorCode() != null) {
                    failed.add(unit);
                } else if (!unit.aggregate()) {
                    delivered.add(new Delivered<>(new StreamPosition(result.shardId(), result.sequenceNumber()),
                            unit.records().get(0)));
                } else {
                    String expected = shardOf(shards, unit.partitionKey()).shardId();
                    if (!expected.equals(result.shardId())) {
                        throw new IllegalStateException("an aggregate for " + expected + " was stored in "
                                + result.shardId());
                    }
                    for (int sub = 0; sub < unit.records().size(); sub++) {
                        delivered.add(new Delivered<>(new StreamPosition(result.shardId(), result.sequenceNumber(),
                                (long) sub), unit.records().get(sub)));
                    }
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " records could not be put on " + streamName);
        }
    }

    private static List<ShardRange> openShards(KinesisClient kinesis, String streamName) {
        List<ShardRange> shards = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(streamName)).shards()) {
            if (shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null) {
                shards.add(new ShardRange(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                        new BigInteger(shard.hashKeyRange().endingHashKey())));
            }
        }
        return shards;
    }

    /** The shard Kinesis puts a partition key in: the MD5 of its UTF-8 bytes, as a number, in the shard's range. */
    private static ShardRange shardOf(List<ShardRange> shards, String partitionKey) {
        BigInteger hash;
        try {
            hash = new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (ShardRange shard : shards) {
            if (shard.start().compareTo(hash) <= 0 && hash.compareTo(shard.end()) <= 0) {
                return shard;
            }
        }
        throw new IllegalStateException("no open shard holds the hash of " + partitionKey);
    }
}
