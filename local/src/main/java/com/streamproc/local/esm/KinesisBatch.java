package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.batch.KinesisEventJson;
import java.util.List;
import java.util.Objects;

/**
 * One invocation's worth of records of one shard, and its payload in the exact JSON form Lambda sends a function
 * for a Kinesis event source.
 */
public record KinesisBatch(String shardId, List<StreamRecord> records, SourceIdentity source) {

    public KinesisBatch {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(source, "source");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one record");
        }
    }

    public int size() {
        return records.size();
    }

    public StreamRecord first() {
        return records.get(0);
    }

    public StreamRecord last() {
        return records.get(records.size() - 1);
    }

    /** {@code {"Records": [...]}} as Lambda builds it: data base64, eventID {@code shardId:sequenceNumber}. */
    public ObjectNode toLambdaEvent() {
        return KinesisEventJson.event(eventSource(), entries());
    }

    /** The invocation payload, UTF-8 JSON. */
    public byte[] toLambdaJson() {
        return KinesisEventJson.bytes(eventSource(), entries());
    }

    private KinesisEventJson.Source eventSource() {
        return new KinesisEventJson.Source(source.streamArn(), source.awsRegion(), source.invokeIdentityArn());
    }

    private List<KinesisEventJson.Entry> entries() {
        return records.stream().map(r -> new KinesisEventJson.Entry(r.shardId(), r.partitionKey(), r.sequenceNumber(),
                r.data(), r.approximateArrival())).toList();
    }

    /** A rough upper bound of this record's share of the payload: base64 data plus the envelope. */
    static long payloadEstimate(StreamRecord record) {
        return 4L * ((record.data().length + 2) / 3) + 700 + record.partitionKey().length();
    }
}
