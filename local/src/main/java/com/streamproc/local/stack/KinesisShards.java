package com.streamproc.local.stack;

import com.streamproc.local.esm.EventSourceMapping;
import com.streamproc.local.esm.ShardReader;
import com.streamproc.local.esm.StartingPosition;
import com.streamproc.local.esm.StreamRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The shards of one Kinesis stream, read with shard iterators and GetRecords (a shared-throughput consumer). */
public final class KinesisShards implements EventSourceMapping.StreamShards {
    private final KinesisClient kinesis;
    private final String streamName;

    public KinesisShards(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public List<String> shardIds() {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListShardsResponse page = token == null
                    ? kinesis.listShards(b -> b.streamName(streamName))
                    : kinesis.listShards(b -> b.nextToken(token));
            page.shards().stream().map(Shard::shardId).forEach(ids::add);
            next = page.nextToken();
        } while (next != null);
        return ids;
    }

    @Override
    public ShardReader open(String shardId, StartingPosition position, Instant timestamp) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                .streamName(streamName).shardId(shardId)
                .shardIteratorType(ShardIteratorType.fromValue(position.name()));
        if (position == StartingPosition.AT_TIMESTAMP) {
            request.timestamp(timestamp);
        }
        return new Reader(shardId, kinesis.getShardIterator(request.build()).shardIterator());
    }

    private final class Reader implements ShardReader {
        private final String shardId;
        private String iterator;
        private String lastSequence;

        Reader(String shardId, String iterator) {
            this.shardId = shardId;
            this.iterator = iterator;
        }

        @Override
        public List<StreamRecord> read(int maxRecords) {
            if (iterator == null) {
                return List.of(); // a closed shard, read to its end
            }
            GetRecordsResponse response;
            try {
                String current = iterator;
                response = kinesis.getRecords(b -> b.shardIterator(current).limit(Math.max(1, maxRecords)));
            } catch (ExpiredIteratorException expired) {
                reopen();
                return List.of();
            } catch (ProvisionedThroughputExceededException throttled) {
                return List.of();
            }
            iterator = response.nextShardIterator();
            List<StreamRecord> records = new ArrayList<>(response.records().size());
            for (Record record : response.records()) {
                Instant arrival = record.approximateArrivalTimestamp() == null ? Instant.now()
                        : record.approximateArrivalTimestamp();
                records.add(new StreamRecord(shardId, record.sequenceNumber(), record.partitionKey(),
                        record.data().asByteArray(), arrival));
                lastSequence = record.sequenceNumber();
            }
            return records;
        }

        private void reopen() {
            GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                    .streamName(streamName).shardId(shardId);
            if (lastSequence == null) {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(lastSequence);
            }
            iterator = kinesis.getShardIterator(request.build()).shardIterator();
        }
    }
}
