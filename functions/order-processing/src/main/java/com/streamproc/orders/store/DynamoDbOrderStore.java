package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The orders table in DynamoDB: a consistent {@code GetItem} to read one order, a consistent {@code BatchGetItem} per
 * 100 orders to read many, one conditional {@code PutItem} of the whole item to write
 * ({@code attribute_not_exists(orderId)} for a new order, else {@code version = :expected}), one {@code PutItem} per
 * status-change item. No transactions, no retries here (the caller owns retrying), except that keys DynamoDB hands
 * back unprocessed are asked for again a few times.
 */
public final class DynamoDbOrderStore implements OrderStore {
    /** DynamoDB's limit of keys per BatchGetItem request. */
    static final int MAX_KEYS_PER_READ = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 3;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbOrderStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<Order> load(String orderId) {
        GetItemResponse response = dynamoDb.getItem(b -> b
                .tableName(tableName)
                .key(Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(orderId)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrdersTable.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public Map<String, Optional<Order>> loadAll(Collection<String> orderIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(orderIds));
        Map<String, Optional<Order>> orders = new LinkedHashMap<>();
        for (int start = 0; start < distinct.size(); start += MAX_KEYS_PER_READ) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : distinct.subList(start, Math.min(distinct.size(), start + MAX_KEYS_PER_READ))) {
                keys.add(Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(id)));
            }
            for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !keys.isEmpty(); round++) {
                List<Map<String, AttributeValue>> asking = keys;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(tableName,
                        KeysAndAttributes.builder().keys(asking).consistentRead(true).build())));
                Set<String> found = new HashSet<>();
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    String id = item.get(OrdersTable.ORDER_ID).s();
                    found.add(id);
                    orders.put(id, Optional.of(OrdersTable.fromItem(item)));
                }
                KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName)
                        : null;
                keys = left != null && left.hasKeys() ? new ArrayList<>(left.keys()) : List.of();
                Set<String> unprocessed = new HashSet<>();
                keys.forEach(key -> unprocessed.add(key.get(OrdersTable.ORDER_ID).s()));
                for (Map<String, AttributeValue> key : asking) {
                    String id = key.get(OrdersTable.ORDER_ID).s();
                    if (!found.contains(id) && !unprocessed.contains(id)) {
                        orders.put(id, Optional.empty());
                    }
                }
            }
        }
        return orders;
    }

    @Override
    public void saveStatusChanges(Collection<StatusChanges> changes) {
        for (StatusChanges item : changes) {
            // Never over an order whose id happens to equal the key: the write fails instead.
            dynamoDb.putItem(b -> b.tableName(tableName).item(OrdersTable.toItem(item))
                    .conditionExpression("attribute_not_exists(#id) OR attribute_exists(#day)")
                    .expressionAttributeNames(Map.of("#id", OrdersTable.ORDER_ID, "#day", OrdersTable.CHANGE_DAY)));
        }
    }

    @Override
    public void save(Order order, long replacesVersion) {
        PutItemRequest.Builder put = PutItemRequest.builder()
                .tableName(tableName)
                .item(OrdersTable.toItem(order))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (replacesVersion == 0) {
            put.conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", OrdersTable.ORDER_ID));
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", OrdersTable.VERSION))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(replacesVersion))));
        }
        try {
            dynamoDb.putItem(put.build());
        } catch (ConditionalCheckFailedException conflict) {
            throw new ConcurrentOrderUpdateException("order is no longer at version " + replacesVersion, conflict);
        }
    }
}
