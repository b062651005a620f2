package com.streamproc.tools.quarantine;

import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.aws.ErrorMessages;
import com.streamproc.tools.aws.SendFailures;
import com.streamproc.tools.produce.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Sends quarantined records back to their stream after the cause was fixed, and takes them out of the quarantine.
 *
 * <p>Each record is put with its original partition key and exact payload (so it lands in its key's shard and is
 * decoded as before), then, only once Kinesis has stored it, its quarantine item is deleted. If the delete fails,
 * the record is in the stream <em>and</em> still in the quarantine; it is reported as such, and redriving it again
 * would send it twice. Records whose payload was cut when quarantined ({@code payloadTruncated}) are refused:
 * sending a part of an event would only quarantine it again, or worse. Records go out in stream order (shard,
 * then sequence number, then sub-sequence number), one at a time, so a key's records keep their order.
 *
 * <p>A user record of a KPL aggregate was quarantined alone, with its own partition key and data: it goes back as
 * a plain record, not inside an aggregate, and its siblings (already applied) are not sent again.
 */
public final class Redriver {
    /** What became of one record. */
    public enum Outcome {
        /** In the stream again, out of the quarantine. */
        REDRIVEN,
        /** Dry run: would be redriven. */
        WOULD_REDRIVE,
        /** Not sent: only part of the payload was kept. */
        REFUSED_TRUNCATED,
        /** Not sent: Kinesis did not take it; still in the quarantine. */
        PUT_FAILED,
        /** Sent, but the quarantine item could not be deleted (or was already gone). */
        SENT_NOT_DELETED
    }

    /**
     * @param newSequenceNumber the sequence number Kinesis gave the redriven record, or null
     * @param message           why it was not redriven, or null
     */
    public record Result(QuarantinedItem item, Outcome outcome, String newSequenceNumber, String message) {
        public boolean succeeded() {
            return outcome == Outcome.REDRIVEN || outcome == Outcome.WOULD_REDRIVE;
        }
    }

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final String streamName;
    private final String quarantineTable;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Redriver(KinesisClient kinesis, DynamoDbClient dynamoDb, String streamName, String quarantineTable,
                    RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.streamName = streamName;
        this.quarantineTable = quarantineTable;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Redrives {@code items} in stream order; with {@code dryRun} only reports what it would do. */
    public List<Result> redrive(List<QuarantinedItem> items, boolean dryRun) {
        List<QuarantinedItem> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing(QuarantinedItem::shardId).thenComparing(QuarantinedItem::sequenceKey));
        List<Result> results = new ArrayList<>();
        for (QuarantinedItem item : ordered) {
            results.add(redriveOne(item, dryRun));
        }
        return results;
    }

    private Result redriveOne(QuarantinedItem item, boolean dryRun) {
        if (item.payloadTruncated()) {
            return new Result(item, Outcome.REFUSED_TRUNCATED, null,
                    "payload was truncated when quarantined"
                            + (item.payloadBytes() == null ? "" : " (record was " + item.payloadBytes() + " bytes)")
                            + "; re-send the original event from its source instead");
        }
        if (item.partitionKey() == null || item.partitionKey().isEmpty()) {
            return new Result(item, Outcome.PUT_FAILED, null, "quarantine item has no partition key");
        }
        if (dryRun) {
            return new Result(item, Outcome.WOULD_REDRIVE, null, null);
        }
        byte[] data;
        try {
            data = item.payloadBytesDecoded();
        } catch (IllegalArgumentException e) {
            return new Result(item, Outcome.PUT_FAILED, null, "stored base64 payload is not valid base64");
        }
        PutRecordResponse put;
        try {
            put = put(item.partitionKey(), data);
        } catch (SdkException e) {
            return new Result(item, Outcome.PUT_FAILED, null, ErrorMessages.describe(e));
        }
        try {
            dynamoDb.deleteItem(b -> b.tableName(quarantineTable).key(item.key())
                    .conditionExpression("attribute_exists(#s)")
                    .expressionAttributeNames(Map.of("#s", "shardId")));
        } catch (ConditionalCheckFailedException e) {
            return new Result(item, Outcome.SENT_NOT_DELETED, put.sequenceNumber(),
                    "quarantine item was already gone (redriven twice at once?)");
        } catch (SdkException e) {
            return new Result(item, Outcome.SENT_NOT_DELETED, put.sequenceNumber(),
                    "sent, but the quarantine item is still there: " + ErrorMessages.describe(e));
        }
        return new Result(item, Outcome.REDRIVEN, put.sequenceNumber(), null);
    }

    /** PutRecord with retries of transient failures (exponential backoff, full jitter). */
    private PutRecordResponse put(String partitionKey, byte[] data) {
        for (int attempt = 1; ; attempt++) {
            try {
                return kinesis.putRecord(b -> b.streamName(streamName).partitionKey(partitionKey)
                        .data(SdkBytes.fromByteArray(data)));
            } catch (SdkException e) {
                if (attempt >= policy.maxAttempts() || !SendFailures.isTransient(e)) {
                    throw e;
                }
                long cap = policy.capFor(attempt).toMillis();
                long millis = cap <= 0 ? 0 : random.nextLong(cap + 1);
                if (millis > 0) {
                    sleeper.sleep(Duration.ofMillis(millis));
                }
            }
        }
    }
}
