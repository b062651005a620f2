package com.streamproc.tools.it;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads a stream back from its start: every record of every shard. */
final class StreamContents {
    /** One record as stored. */
    record Stored(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private StreamContents() {
    }

    static List<Stored> readAll(KinesisClient kinesis, String stream) {
        List<Stored> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current).limit(1000));
                page.records().forEach(r -> all.add(new Stored(shard.shardId(), r.sequenceNumber(), r.partitionKey(),
                        r.data().asByteArray())));
                boolean caughtUp = page.records().isEmpty()
                        && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0);
                iterator = caughtUp ? null : page.nextShardIterator();
            }
        }
        all.sort(Comparator.comparing(Stored::shardId).thenComparing(s -> new BigInteger(s.sequenceNumber())));
        return all;
    }
}
