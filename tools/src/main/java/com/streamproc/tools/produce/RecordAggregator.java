package com.streamproc.tools.produce;

import com.streamproc.shared.kpl.KplAggregateWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Packs events into records in the KPL aggregation format ({@code produce --aggregate}).
 *
 * <p>Events are grouped by the shard their partition key hashes to ({@link ShardMap}) and, within a shard, into one of
 * {@value #LANE_GROUPS} lane groups by that hash; each group's events, in input order, fill aggregates up to Kinesis'
 * 1 MiB record limit ({@link KplAggregateWriter#fits}). Each aggregate gets an explicit hash key inside its shard's
 * range, so it is stored in the shard each of its events would have gone to on its own, and the partition key of
 * its group ({@link #aggregateKey}): the same for every aggregate that can hold a given event's key.
 *
 * <p>Why not the first user record's key, as the KPL does: Lambda keeps records in order per <em>Kinesis</em>
 * partition key only, and with a {@code ParallelizationFactor} above 1 it processes records of different keys of one
 * shard at the same time. Two aggregates holding events of one order under two different aggregate keys could then
 * be applied out of order. With one aggregate key per lane group, every event of a key travels under the same
 * aggregate key, and its events stay in order at any factor, while the groups keep up to ten lanes of a shard busy.
 * For the same reason a group's last single event is sent as an aggregate of one, under the group's key. Only an
 * event too large to wrap (within a few hundred bytes of 1 MiB) goes bare, under its own key.
 */
public final class RecordAggregator {
    /** Pending events of a stream are packed once they are this many (or a request's worth of bytes, or linger). */
    public static final int FLUSH_EVENTS = 10_000;
    /** Lane groups per shard: Lambda's largest {@code ParallelizationFactor}. */
    public static final int LANE_GROUPS = 10;

    private final Function<String, ShardMap> shardMaps;
    private final Map<String, ShardMap> loaded = new LinkedHashMap<>();

    /**
     * @param shardMaps the shard map of a stream, by stream name; asked once per stream
     */
    public RecordAggregator(Function<String, ShardMap> shardMaps) {
        this.shardMaps = Objects.requireNonNull(shardMaps);
    }

    /** Whether a stream's pending events should be packed and sent now. */
    public boolean isFull(int pendingEvents, long pendingBytes) {
        return pendingEvents >= FLUSH_EVENTS || pendingBytes >= KinesisLimits.MAX_REQUEST_BYTES;
    }

    /** The partition key of the aggregates of {@code shard} that hold events of {@code partitionKey}. */
    public static String aggregateKey(ShardMap.ShardRange shard, String partitionKey) {
        int group = ShardMap.hashKeyOf(partitionKey).mod(BigInteger.valueOf(LANE_GROUPS)).intValue();
        return "aggregate-" + shard.shardId() + "-" + group;
    }

    /**
     * The records to send for {@code events} (single events of one stream, in input order): aggregates, one lane
     * group after another in the order their first event came.
     */
    public List<OutboundRecord> pack(String stream, List<OutboundRecord> events) {
        ShardMap shards = loaded.computeIfAbsent(stream, shardMaps);
        Map<String, List<OutboundRecord>> byGroup = new LinkedHashMap<>();
        Map<String, ShardMap.ShardRange> shardOfGroup = new LinkedHashMap<>();
        for (OutboundRecord event : events) {
            if (event.isAggregate()) {
                throw new IllegalArgumentException("already an aggregate: " + event.origin());
            }
            ShardMap.ShardRange shard = shards.shardOf(event.partitionKey());
            String key = aggregateKey(shard, event.partitionKey());
            shardOfGroup.put(key, shard);
            byGroup.computeIfAbsent(key, s -> new ArrayList<>()).add(event);
        }
        List<OutboundRecord> records = new ArrayList<>();
        byGroup.forEach((key, groupEvents) -> pack(key, shardOfGroup.get(key).explicitHashKey(), groupEvents,
                records));
        return records;
    }

    private static void pack(String aggregateKey, String explicitHashKey, List<OutboundRecord> events,
                             List<OutboundRecord> into) {
        // The Kinesis record's own key counts against its 1 MiB too.
        int limit = KinesisLimits.MAX_RECORD_BYTES - aggregateKey.getBytes(StandardCharsets.UTF_8).length;
        List<OutboundRecord> chunk = new ArrayList<>();
        KplAggregateWriter writer = new KplAggregateWriter();
        for (OutboundRecord event : events) {
            if (!writer.fits(event.partitionKey(), null, event.data(), limit)) {
                if (!chunk.isEmpty()) {
                    into.add(aggregate(aggregateKey, explicitHashKey, chunk, writer));
                    chunk = new ArrayList<>();
                    writer = new KplAggregateWriter();
                }
                if (!writer.fits(event.partitionKey(), null, event.data(), limit)) {
                    // Fits Kinesis' limit only bare (the producer checked that much): sent as it is.
                    into.add(new OutboundRecord(event.function(), event.partitionKey(), event.data(), event.origin(),
                            event.valid(), explicitHashKey, List.of()));
                    continue;
                }
            }
            writer.add(event.partitionKey(), null, event.data());
            chunk.add(event);
        }
        if (!chunk.isEmpty()) {
            into.add(aggregate(aggregateKey, explicitHashKey, chunk, writer));
        }
    }

    private static OutboundRecord aggregate(String aggregateKey, String explicitHashKey, List<OutboundRecord> chunk,
                                            KplAggregateWriter writer) {
        OutboundRecord first = chunk.get(0);
        String origin = chunk.size() == 1 ? first.origin() : chunk.size() + " events from " + first.origin();
        return new OutboundRecord(first.function(), aggregateKey, writer.build(), origin,
                chunk.stream().allMatch(OutboundRecord::valid), explicitHashKey, chunk);
    }
}
