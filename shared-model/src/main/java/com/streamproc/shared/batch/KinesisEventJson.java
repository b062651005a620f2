package com.streamproc.shared.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The JSON of the Kinesis event Lambda sends a function ({@code {"Records":[...]}}), for whatever stands in for
 * Lambda's event source: the local stack's event source mapping, and the replay of a range Lambda gave up on. One
 * shape for both, so a function cannot tell either from Lambda: data in base64, {@code eventID}
 * {@code <shardId>:<sequenceNumber>}, arrival in seconds since the epoch with a millisecond fraction.
 */
public final class KinesisEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record of the event, as the stream holds it. */
    public record Entry(String shardId, String partitionKey, String sequenceNumber, byte[] data,
                        Instant approximateArrival) {
    }

    /** Where the records come from. {@code invokeIdentityArn} may be null: the field is then left out. */
    public record Source(String streamArn, String awsRegion, String invokeIdentityArn) {
    }

    private KinesisEventJson() {
    }

    /** The event as a tree. */
    public static ObjectNode event(Source source, List<Entry> records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (Entry record : records) {
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", record.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data()));
            // Seconds since the epoch with a millisecond fraction, e.g. 1545084650.987, as Lambda writes it.
            if (record.approximateArrival() != null) {
                kinesis.put("approximateArrivalTimestamp",
                        BigDecimal.valueOf(record.approximateArrival().toEpochMilli(), 3));
            }
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", record.shardId() + ":" + record.sequenceNumber());
            entry.put("eventName", "aws:kinesis:record");
            if (source.invokeIdentityArn() != null) {
                entry.put("invokeIdentityArn", source.invokeIdentityArn());
            }
            entry.put("awsRegion", source.awsRegion());
            entry.put("eventSourceARN", source.streamArn());
        }
        return root;
    }

    /** The event as UTF-8 JSON, the invocation payload. */
    public static byte[] bytes(Source source, List<Entry> records) {
        try {
            return JSON.writeValueAsString(event(source, records)).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize a Kinesis event", e);
        }
    }
}
