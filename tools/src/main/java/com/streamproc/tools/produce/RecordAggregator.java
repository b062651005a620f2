package com.streamproc.tools.produce;

import com.streamproc.shared.kpl.KplAggregateWriter;
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
 * <p>Events are grouped by the shard their partition key hashes to ({@link ShardMap}); each shard's events, in input
 * order, fill aggregates up to Kinesis' 1 MiB record limit ({@link KplAggregateWriter#fits}), and each aggregate gets
 * an explicit hash key inside its shard's range, so it is stored in the shard each of its events would have gone to
 * on its own and a consumer sees every key's events in order. The aggregate's own partition key is its first user
 * record's, as the KPL does. A shard's last chunk of a single event is sent as that event alone (with the shard's
 * hash key, so that it keeps its place in the shard's order, see {@link OutboundRecord#orderKey()}).
 */
public final class RecordAggregator {
    /** Pending events of a stream are packed once they are this many (or a request's worth of bytes, or linger). */
    public static final int FLUSH_EVENTS = 10_000;

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

    /**
     * The records to send for {@code events} (single events of one stream, in input order): aggregates, one shard
     * after another in the order their first event came.
     */
    public List<OutboundRecord> pack(String stream, List<OutboundRecord> events) {
        ShardMap shards = loaded.computeIfAbsent(stream, shardMaps);
        Map<ShardMap.ShardRange, List<OutboundRecord>> byShard = new LinkedHashMap<>();
        for (OutboundRecord event : events) {
            if (event.isAggregate()) {
                throw new IllegalArgumentException("already an aggregate: " + event.origin());
            }
            byShard.computeIfAbsent(shards.shardOf(event.partitionKey()), s -> new ArrayList<>()).add(event);
        }
        List<OutboundRecord> records = new ArrayList<>();
        byShard.forEach((shard, shardEvents) -> pack(shard.explicitHashKey(), shardEvents, records));
        return records;
    }

    private static void pack(String explicitHashKey, List<OutboundRecord> events, List<OutboundRecord> into) {
        List<OutboundRecord> chunk = new ArrayList<>();
        KplAggregateWriter writer = new KplAggregateWriter();
        int limit = 0;
        for (OutboundRecord event : events) {
            if (!chunk.isEmpty() && !writer.fits(event.partitionKey(), null, event.data(), limit)) {
                into.add(record(explicitHashKey, chunk, writer));
                chunk = new ArrayList<>();
                writer = new KplAggregateWriter();
            }
            if (chunk.isEmpty()) {
                // The Kinesis record's own key (the first event's) counts against its 1 MiB too.
                limit = KinesisLimits.MAX_RECORD_BYTES - event.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            }
            writer.add(event.partitionKey(), null, event.data());
            chunk.add(event);
        }
        if (!chunk.isEmpty()) {
            into.add(record(explicitHashKey, chunk, writer));
        }
    }

    private static OutboundRecord record(String explicitHashKey, List<OutboundRecord> chunk,
                                         KplAggregateWriter writer) {
        OutboundRecord first = chunk.get(0);
        if (chunk.size() == 1 || writer.sizeBytes() + first.partitionKey().getBytes(StandardCharsets.UTF_8).length
                > KinesisLimits.MAX_RECORD_BYTES) {
            // A single event, or one too large to wrap (it fits Kinesis' limit only bare): sent as it is.
            if (chunk.size() != 1) {
                throw new IllegalStateException("an aggregate of " + chunk.size() + " events over the record limit");
            }
            return new OutboundRecord(first.function(), first.partitionKey(), first.data(), first.origin(),
                    first.valid(), explicitHashKey, List.of());
        }
        String origin = chunk.size() + " events from " + first.origin();
        return new OutboundRecord(first.function(), first.partitionKey(), writer.build(), origin,
                chunk.stream().allMatch(OutboundRecord::valid), explicitHashKey, chunk);
    }
}
