package com.streamproc.tools.failures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Lambda's on-failure record for a Kinesis event source: which range of which shard it gave up on, never the records
 * themselves (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html).
 *
 * @param requestId     {@code requestContext.requestId}
 * @param condition     {@code requestContext.condition}: {@code RetryAttemptsExhausted}, {@code RecordAgeExceeded}
 * @param invokeCount   {@code requestContext.approximateInvokeCount}
 * @param timestamp     when Lambda gave up
 * @param shardId       {@code KinesisBatchInfo.shardId}
 * @param startSequence first sequence number of the range
 * @param endSequence   last sequence number of the range (inclusive)
 * @param firstArrival  approximate arrival of the first record
 * @param lastArrival   approximate arrival of the last record
 * @param batchSize     records in the range
 * @param streamArn     the stream
 */
public record OnFailureRecord(String requestId, String functionArn, String condition, int invokeCount,
                              Instant timestamp, String shardId, String startSequence, String endSequence,
                              Instant firstArrival, Instant lastArrival, int batchSize, String streamArn) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one record; fails with a message naming the missing or malformed field. */
    public static OnFailureRecord parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode info = root.get("KinesisBatchInfo");
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException("no KinesisBatchInfo: not the on-failure record of a Kinesis source");
        }
        JsonNode request = root.path("requestContext");
        OnFailureRecord record = new OnFailureRecord(request.path("requestId").asText(null),
                request.path("functionArn").asText(null), request.path("condition").asText(null),
                request.path("approximateInvokeCount").asInt(0), instant(root, "timestamp", false),
                text(info, "shardId"), sequence(info, "startSequenceNumber"), sequence(info, "endSequenceNumber"),
                instant(info, "approximateArrivalOfFirstRecord", false),
                instant(info, "approximateArrivalOfLastRecord", false), info.path("batchSize").asInt(0),
                text(info, "streamArn"));
        if (new BigInteger(record.startSequence).compareTo(new BigInteger(record.endSequence)) > 0) {
            throw new IllegalArgumentException("KinesisBatchInfo.startSequenceNumber is after endSequenceNumber");
        }
        if (record.streamName() == null) {
            throw new IllegalArgumentException("KinesisBatchInfo.streamArn is not a Kinesis stream ARN: " + record.streamArn);
        }
        return record;
    }

    /** The stream's name, from its ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}). */
    public String streamName() {
        int slash = streamArn.indexOf(":stream/");
        return slash < 0 ? null : streamArn.substring(slash + ":stream/".length());
    }

    /** The stream's region, from its ARN. */
    public String region() {
        String[] parts = streamArn.split(":", 6);
        return parts.length == 6 ? parts[3] : "";
    }

    /** Names the record in messages and lists: {@code <shard>/<start>..<end>}. */
    public String range() {
        return shardId + "/" + startSequence + ".." + endSequence;
    }

    public BigInteger start() {
        return new BigInteger(startSequence);
    }

    public BigInteger end() {
        return new BigInteger(endSequence);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("KinesisBatchInfo." + field + " is missing");
        }
        return value.textValue();
    }

    private static String sequence(JsonNode node, String field) {
        String value = text(node, field);
        if (!value.matches("\\d{1,129}")) {
            throw new IllegalArgumentException("KinesisBatchInfo." + field + " is not a sequence number: " + value);
        }
        return value;
    }

    private static Instant instant(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time: " + value.asText());
        }
    }
}
