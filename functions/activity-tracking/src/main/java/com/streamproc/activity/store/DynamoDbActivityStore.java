package com.streamproc.activity.store;

import com.streamproc.shared.dynamo.DynamoBatchWriter;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@link ActivityStore} on a DynamoDB table laid out as {@link ActivityTableLayout} describes. */
public final class DynamoDbActivityStore implements ActivityStore {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DynamoBatchWriter batchWriter;

    public DynamoDbActivityStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.batchWriter = new DynamoBatchWriter(dynamoDb);
    }

    @Override
    public BatchRead batchGet(List<ItemKey> keys) {
        List<Map<String, AttributeValue>> keyMaps = keys.stream().map(ItemKey::toKeyMap).toList();
        BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b
                .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keyMaps).consistentRead(true).build()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        Map<ItemKey, Map<String, AttributeValue>> items = new HashMap<>();
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
            items.put(ItemKey.of(item), item);
        }
        List<ItemKey> unprocessed = new ArrayList<>();
        KeysAndAttributes left = response.unprocessedKeys().get(table);
        if (left != null && left.hasKeys()) {
            left.keys().forEach(key -> unprocessed.add(ItemKey.of(key)));
        }
        return new BatchRead(items, unprocessed);
    }

    @Override
    public List<Map<String, AttributeValue>> putAll(List<Map<String, AttributeValue>> items, TransientRetry retry) {
        Map<WriteRequest, Map<String, AttributeValue>> itemOf = new IdentityHashMap<>();
        List<WriteRequest> requests = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            WriteRequest request = WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
            itemOf.put(request, item);
            requests.add(request);
        }
        return batchWriter.writeAll(table, requests, retry).stream().map(itemOf::get).toList();
    }

    @Override
    public boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm) {
        try {
            if (expectedHwm == null) {
                dynamoDb.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", ActivityTableLayout.PK))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            } else {
                dynamoDb.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("#hwm = :readHwm")
                        .expressionAttributeNames(Map.of("#hwm", ActivityTableLayout.HWM))
                        .expressionAttributeValues(Map.of(":readHwm", AttributeValue.fromS(expectedHwm)))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Map<String, AttributeValue>> get(ItemKey key) {
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(table).key(key.toKeyMap()));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    @Override
    public Page query(String pk, Map<String, AttributeValue> exclusiveStartKey) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", ActivityTableLayout.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .exclusiveStartKey(exclusiveStartKey));
        return new Page(response.items(), lastKey(response));
    }

    @Override
    public CountPage countActiveDay(String day, Map<String, AttributeValue> exclusiveStartKey) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .indexName(ActivityTableLayout.ACTIVE_DAY_INDEX)
                .keyConditionExpression("#day = :day")
                .expressionAttributeNames(Map.of("#day", ActivityTableLayout.ACTIVE_DAY))
                .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day)))
                .select(Select.COUNT)
                .exclusiveStartKey(exclusiveStartKey));
        return new CountPage(response.count() == null ? 0 : response.count(), lastKey(response));
    }

    private static Map<String, AttributeValue> lastKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
    }
}
