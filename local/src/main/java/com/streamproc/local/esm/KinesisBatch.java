package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One invocation's worth of records of one shard, and its payload in the exact JSON form Lambda sends a function
 * for a Kinesis event source.
 */
public record KinesisBatch(String shardId, List<StreamRecord> records, SourceIdentity source) {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (StreamRecord record : records) {
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", record.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data()));
            // Seconds since the epoch with millisecond fraction, e.g. 1545084650.987
            kinesis.put("approximateArrivalTimestamp",
                    BigDecimal.valueOf(record.approximateArrival().toEpochMilli(), 3));
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", record.shardId() + ":" + record.sequenceNumber());
            entry.put("eventName", "aws:kinesis:record");
            entry.put("invokeIdentityArn", source.invokeIdentityArn());
            entry.put("awsRegion", source.awsRegion());
            entry.put("eventSourceARN", source.streamArn());
        }
        return root;
    }

    /** The invocation payload, UTF-8 JSON. */
    public byte[] toLambdaJson() {
        try {
            return JSON.writeValueAsString(toLambdaEvent()).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize batch", e);
        }
    }

    /** A rough upper bound of this record's share of the payload: base64 data plus the envelope. */
    static long payloadEstimate(StreamRecord record) {
        return 4L * ((record.data().length + 2) / 3) + 700 + record.partitionKey().length();
    }
}
