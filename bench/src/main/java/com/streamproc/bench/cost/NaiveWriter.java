package com.streamproc.bench.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The naive baseline: no idempotency, no reads; each record's business effect is one {@code UpdateItem} per item
 * it changes ({@link RecordEffects}), sent every time the record arrives, duplicates included.
 */
public final class NaiveWriter {
    private final DynamoDbClient dynamoDb;
    private final Function<String, String> tableName;

    /** @param tableName the physical table name of a template logical id */
    public NaiveWriter(DynamoDbClient dynamoDb, Function<String, String> tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    public void process(List<RecordEffects.Update> updates) {
        for (RecordEffects.Update update : updates) {
            update(dynamoDb, tableName.apply(update.tableLogicalId()), update);
        }
    }

    /** {@code UpdateItem SET} every attribute of the update on the item with its key. */
    static void update(DynamoDbClient dynamoDb, String table, RecordEffects.Update update) {
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : update.set().entrySet()) {
            set.add("#a" + i + " = :v" + i);
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            i++;
        }
        if (names.isEmpty()) {
            return;
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(update.key()).updateExpression(set.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }
}
