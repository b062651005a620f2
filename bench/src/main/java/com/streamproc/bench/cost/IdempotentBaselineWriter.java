package com.streamproc.bench.cost;

import com.streamproc.bench.workload.WorkloadRecord;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Powertools baseline: the idempotency pattern of Powertools for AWS Lambda (Java) applied per record, with
 * Powertools' item layout and condition (table key {@code id} = function name + "#" + MD5 of the payload,
 * {@code status}, {@code expiration}, {@code in_progress_expiration}, {@code data}), around the same business
 * writes as the naive design ({@link NaiveWriter}) on the function's real tables:
 *
 * <ol>
 *   <li>conditional {@code PutItem} of the idempotency record, status {@code INPROGRESS}. When it fails (the
 *       payload was processed already), Powertools reads the stored record with a consistent {@code GetItem} to
 *       return its response, and the record is skipped;</li>
 *   <li>the business writes: one {@code UpdateItem} per item the record changes. A record the function rejects
 *       (poison) makes the handler throw instead, and Powertools deletes the idempotency record
 *       ({@code DeleteItem});</li>
 *   <li>{@code UpdateItem} of the idempotency record to {@code COMPLETED} with the stored response.</li>
 * </ol>
 */
public final class IdempotentBaselineWriter {
    /** Powertools' default idempotency record lifetime: one hour. */
    static final long EXPIRY_SECONDS = 3600;
    private static final String CONDITION = "attribute_not_exists(#id) OR #expiry < :now OR "
            + "(#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)";

    private final DynamoDbClient dynamoDb;
    private final String idempotencyTable;
    private final Function<String, String> tableName;
    private final String functionName;
    private final Clock clock;

    /** @param tableName the physical table name of a template logical id */
    public IdempotentBaselineWriter(DynamoDbClient dynamoDb, String idempotencyTable,
                                    Function<String, String> tableName, String functionName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.idempotencyTable = idempotencyTable;
        this.tableName = tableName;
        this.functionName = functionName;
        this.clock = clock;
    }

    /**
     * @param updates      the record's business writes
     * @param handlerFails whether the handler throws for the record (poison)
     * @return false if the record was a repeat of a processed payload (skipped), true otherwise
     */
    public boolean process(WorkloadRecord record, List<RecordEffects.Update> updates, boolean handlerFails) {
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
                            ":inprogress", s("INPROGRESS"))));
        } catch (ConditionalCheckFailedException alreadyProcessed) {
            dynamoDb.getItem(b -> b.tableName(idempotencyTable).key(Map.of("id", s(id))).consistentRead(true));
            return false;
        }
        if (handlerFails) {
            dynamoDb.deleteItem(b -> b.tableName(idempotencyTable).key(Map.of("id", s(id))));
            return true;
        }
        for (RecordEffects.Update update : updates) {
            NaiveWriter.update(dynamoDb, tableName.apply(update.tableLogicalId()), update);
        }
        dynamoDb.updateItem(b -> b.tableName(idempotencyTable)
                .key(Map.of("id", s(id)))
                .updateExpression("SET #data = :data, #expiry = :expiry, #status = :completed")
                .expressionAttributeNames(Map.of("#data", "data", "#expiry", "expiration", "#status", "status"))
                .expressionAttributeValues(Map.of(":data", s("{\"processed\":true}"), ":expiry",
                        n(now + EXPIRY_SECONDS), ":completed", s("COMPLETED"))));
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
