package com.streamproc.e2e.harness;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts records on a stream with PutRecords, as producers do: up to 500 entries per request, entries that failed are
 * sent again. Returns every record with the shard and sequence number Kinesis gave it.
 */
public final class StreamProducer {
    static final int MAX_ENTRIES = 500;
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    private static final int MAX_ROUNDS = 20;

    private StreamProducer() {
    }

    public static <I> List<Delivered<I>> put(KinesisClient kinesis, String streamName, List<Produced<I>> records) {
        List<Delivered<I>> delivered = new ArrayList<>(records.size());
        int from = 0;
        while (from < records.size()) {
            int to = from;
            long bytes = 0;
            while (to < records.size() && to - from < MAX_ENTRIES) {
                Produced<I> next = records.get(to);
                long size = next.data().length + next.partitionKey().length();
                if (to > from && bytes + size > MAX_REQUEST_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            putAll(kinesis, streamName, records.subList(from, to), delivered);
            from = to;
        }
        return delivered;
    }

    private static <I> void putAll(KinesisClient kinesis, String streamName, List<Produced<I>> chunk,
                                   List<Delivered<I>> delivered) {
        List<Produced<I>> pending = chunk;
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            List<PutRecordsRequestEntry> entries = pending.stream()
                    .map(r -> PutRecordsRequestEntry.builder().partitionKey(r.partitionKey())
                            .data(SdkBytes.fromByteArray(r.data())).build())
                    .toList();
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(entries));
            List<Produced<I>> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() != null) {
                    failed.add(pending.get(i));
                } else {
                    delivered.add(new Delivered<>(new StreamPosition(result.shardId(), result.sequenceNumber()),
                            pending.get(i)));
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " records could not be put on " + streamName);
        }
    }
}
