package com.streamproc.shared.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds Kinesis batches in the exact JSON form Lambda sends, and turns them into {@link KinesisEvent}s with the
 * Lambda Java runtime's own serializer, so tests see what a deployed handler sees.
 */
public final class KinesisEventFixture {
    /** A realistic 56-digit Kinesis sequence number to count up from. */
    public static final BigInteger FIRST_SEQUENCE = new BigInteger("49590338271490256608559692538361571095921575989136588898");
    public static final String DEFAULT_SHARD = "shardId-000000000000";
    public static final String DEFAULT_STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/local-stream";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<KinesisEvent> LAMBDA_SERIALIZER =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEventFixture.class.getClassLoader());

    private final List<ObjectNode> records = new ArrayList<>();
    private String shardId = DEFAULT_SHARD;
    private String streamArn = DEFAULT_STREAM_ARN;
    private BigInteger nextSequence = FIRST_SEQUENCE;
    private Instant arrival = Instant.parse("2026-11-27T10:00:00Z");

    public static KinesisEventFixture batch() {
        return new KinesisEventFixture();
    }

    /** Records added after this call come from {@code shardId}. */
    public KinesisEventFixture shard(String shardId) {
        this.shardId = shardId;
        return this;
    }

    public KinesisEventFixture streamArn(String arn) {
        this.streamArn = arn;
        return this;
    }

    /** The next record gets this sequence number; later ones count up from it. */
    public KinesisEventFixture sequence(BigInteger next) {
        this.nextSequence = next;
        return this;
    }

    public KinesisEventFixture arrival(Instant instant) {
        this.arrival = instant;
        return this;
    }

    /** Adds a record whose data is {@code json} in UTF-8. */
    public KinesisEventFixture record(String partitionKey, String json) {
        return recordBytes(partitionKey, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a record with arbitrary data bytes (invalid UTF-8, say). */
    public KinesisEventFixture recordBytes(String partitionKey, byte[] data) {
        String sequence = nextSequence.toString();
        nextSequence = nextSequence.add(BigInteger.ONE);
        ObjectNode record = JSON.createObjectNode();
        ObjectNode kinesis = record.putObject("kinesis");
        kinesis.put("kinesisSchemaVersion", "1.0");
        kinesis.put("partitionKey", partitionKey);
        kinesis.put("sequenceNumber", sequence);
        kinesis.put("data", Base64.getEncoder().encodeToString(data));
        kinesis.put("approximateArrivalTimestamp", arrival.toEpochMilli() / 1000.0);
        record.put("eventSource", "aws:kinesis");
        record.put("eventVersion", "1.0");
        record.put("eventID", shardId + ":" + sequence);
        record.put("eventName", "aws:kinesis:record");
        record.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/local-function-role");
        record.put("awsRegion", "us-east-1");
        record.put("eventSourceARN", streamArn);
        records.add(record);
        return this;
    }

    /** The batch as the JSON document Lambda would send. */
    public String toLambdaJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        records.forEach(array::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The batch deserialized by the Lambda Java runtime's serializer. */
    public KinesisEvent build() {
        return fromLambdaJson(toLambdaJson());
    }

    /** Deserializes a Lambda Kinesis event document with the Lambda Java runtime's serializer. */
    public static KinesisEvent fromLambdaJson(String json) {
        return LAMBDA_SERIALIZER.fromJson(json);
    }
}
