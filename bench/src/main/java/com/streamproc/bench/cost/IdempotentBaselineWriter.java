package com.streamproc.bench.cost;

import com.streamproc.bench.workload.WorkloadRecord;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The baseline: the usual Powertools for AWS Lambda idempotency pattern applied per record, with the same item
 * layout and condition Powertools uses (table key {@code id} = function name + "#" + MD5 of the payload,
 * {@code status}, {@code expiration}, {@code in_progress_expiration}, {@code data}).
 *
 * <ol>
 *   <li>conditional {@code PutItem} of the idempotency record, status {@code INPROGRESS} (fails for a payload already
 *       processed: the record is skipped, as Powertools does);</li>
 *   <li>the business write: one {@code UpdateItem} of the entity the record is about (keyed by its partition key,
 *       storing the record and counting it);</li>
 *   <li>{@code UpdateItem} of the idempotency record to {@code COMPLETED} with the stored response.</li>
 * </ol>
 * Three write requests per new record; every request asks for {@code ReturnConsumedCapacity}.
 */
public final class IdempotentBaselineWriter {
    /** Powertools' default idempotency record lifetime: one hour. */
    static final long EXPIRY_SECONDS = 3600;
    private static final String CONDITION = "attribute_not_exists(#id) OR #expiry < :now OR "
            + "(#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)";

    private final DynamoDbClient dynamoDb;
    private final String idempotencyTable;
    private final String businessTable;
    private final String functionName;
    private final Clock clock;

    public IdempotentBaselineWriter(DynamoDbClient dynamoDb, String idempotencyTable, String businessTable,
                                    String functionName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.idempotencyTable = idempotencyTable;
        this.businessTable = businessTable;
        this.functionName = functionName;
        this.clock = clock;
    }

    /** @return true if the record was processed, false if it was a repeat of a processed payload */
    public boolean process(WorkloadRecord record) {
        String id = functionName + "#" + md5(record.data());
        long nowMillis = clock.millis();
        long now = nowMillis / 1000;
        try {
            dynamoDb.putItem(b -> b.tableName(idempotencyTable)
                    .item(Map.of(
                            "id", s(id),
                            "expiration", n(now + EXPIRY_SECONDS),
                            "in_progress_expiration", n(nowMillis + 60_000),
                            "status", s("INPROGRESS")))
                    .conditionExpression(CONDITION)
                    .expressionAttributeNames(Map.of("#id", "id", "#expiry", "expiration", "#status", "status",
                            "#in_progress_expiry", "in_progress_expiration"))
                    .expressionAttributeValues(Map.of(":now", n(now), ":now_in_millis", n(nowMillis),
                            ":inprogress", s("INPROGRESS")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException alreadyProcessed) {
            return false;
        }
        dynamoDb.updateItem(b -> b.tableName(businessTable)
                .key(Map.of("pk", s(record.partitionKey())))
                .updateExpression("SET #last = :record, #at = :at ADD #count :one")
                .expressionAttributeNames(Map.of("#last", "lastRecord", "#at", "updatedAt", "#count", "records"))
                .expressionAttributeValues(Map.of(":record", s(record.text()), ":at", n(nowMillis),
                        ":one", n(1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        dynamoDb.updateItem(b -> b.tableName(idempotencyTable)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #data = :data, #expiry = :expiry, #status = :completed")
                .expressionAttributeNames(Map.of("#data", "data", "#expiry", "expiration", "#status", "status"))
                .expressionAttributeValues(Map.of(":data", s("{\"processed\":true}"), ":expiry",
                        n(now + EXPIRY_SECONDS), ":completed", s("COMPLETED")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return true;
    }

    static String md5(byte[] data) {
        try {
            return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
