package com.streamproc.shared.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Reads a quarantine table shard by shard: a shard's records lie under {@link QuarantineKeys#TABLE_BUCKETS} table keys
 * ({@link QuarantineKeys#shardBuckets}), so a reader queries each of them and follows every page
 * ({@code LastEvaluatedKey}), never Scan. Reads are strongly consistent: the readers check what a function has just
 * written.
 *
 * <p>Within a bucket, items come in {@code sequenceKey} order; across buckets they do not (a caller that needs stream
 * order sorts). A Query returns at most 1 MB per page and is billed on the items it reads together, rounded up to the
 * next 4 KB (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">read
 * and write operations</a>), so reading a shard costs at least one read unit per bucket, even an empty one.
 */
public final class QuarantineShardReader {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public QuarantineShardReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Every item of {@code shardId}, all attributes. */
    public List<Map<String, AttributeValue>> items(String shardId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        forEachPage(shardId, null, b -> { }, page -> items.addAll(page.items()));
        return items;
    }

    /**
     * Every item of {@code shardId}, only the attributes named.
     *
     * @param projection a DynamoDB projection expression of plain attribute names ({@code sequenceNumber, reason})
     */
    public List<Map<String, AttributeValue>> items(String shardId, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        forEachPage(shardId, null, b -> b.projectionExpression(projection), page -> items.addAll(page.items()));
        return items;
    }

    /**
     * The items of {@code shardId} whose {@code sequenceKey} lies between two keys, both included.
     *
     * @param fromSequenceKey a padded sequence key ({@code RecordRef.padSequence})
     * @param toSequenceKey   a padded sequence key, not below {@code fromSequenceKey}
     */
    public List<Map<String, AttributeValue>> between(String shardId, String fromSequenceKey, String toSequenceKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        forEachPage(shardId, new Range(fromSequenceKey, toSequenceKey), b -> { },
                page -> items.addAll(page.items()));
        return items;
    }

    /** How many items {@code shardId} has (Query with {@code Select COUNT}: no item is returned, all are read). */
    public long count(String shardId) {
        long[] count = {0};
        forEachPage(shardId, null, b -> b.select(Select.COUNT), page -> count[0] += page.count());
        return count[0];
    }

    private void forEachPage(String shardId, Range range, Consumer<QueryRequest.Builder> shape,
                             Consumer<QueryResponse> action) {
        for (String bucket : QuarantineKeys.shardBuckets(shardId)) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":s", AttributeValue.fromS(bucket));
            String condition = QuarantineKeys.TABLE_HASH + " = :s";
            if (range != null) {
                condition += " AND " + QuarantineKeys.TABLE_RANGE + " BETWEEN :a AND :b";
                values.put(":a", AttributeValue.fromS(range.from()));
                values.put(":b", AttributeValue.fromS(range.to()));
            }
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression(condition).expressionAttributeValues(values);
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                shape.accept(request);
                QueryResponse page = dynamoDb.query(request.build());
                action.accept(page);
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
    }

    /** Sequence keys, both included. */
    private record Range(String from, String to) {
    }
}
