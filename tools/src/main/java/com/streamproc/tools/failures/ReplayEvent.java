package com.streamproc.tools.failures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The Kinesis event Lambda would have sent for records of one shard, built from the records as {@code GetRecords}
 * returns them: their own sequence numbers, partition keys and arrival times, {@code eventID}
 * {@code <shardId>:<sequenceNumber>} and the stream's ARN, so the function cannot tell a replay from a retry.
 *
 * <p>{@code invokeIdentityArn} (the mapping's execution role) is not in the on-failure record and the functions do not
 * read it: the event carries the ARN given here, the function's role when known.
 */
public final class ReplayEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayEvent() {
    }

    /** {@code {"Records":[...]}}, UTF-8. */
    public static byte[] json(String shardId, String streamArn, String region, String invokeIdentityArn,
                              List<Record> records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (Record record : records) {
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", record.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
            // Seconds since the epoch with a millisecond fraction, e.g. 1545084650.987, as Lambda writes it.
            if (record.approximateArrivalTimestamp() != null) {
                kinesis.put("approximateArrivalTimestamp",
                        BigDecimal.valueOf(record.approximateArrivalTimestamp().toEpochMilli(), 3));
            }
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", shardId + ":" + record.sequenceNumber());
            entry.put("eventName", "aws:kinesis:record");
            if (invokeIdentityArn != null) {
                entry.put("invokeIdentityArn", invokeIdentityArn);
            }
            entry.put("awsRegion", region);
            entry.put("eventSourceARN", streamArn);
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize a replay event", e);
        }
    }

    /** A bound of a record's share of the event: base64 data and the envelope. */
    static long sizeEstimate(Record record) {
        return 4L * ((record.data().asByteArrayUnsafe().length + 2) / 3) + 600 + record.partitionKey().length();
    }
}
