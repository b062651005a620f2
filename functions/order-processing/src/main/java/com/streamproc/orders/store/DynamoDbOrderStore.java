package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The orders table in DynamoDB: a consistent {@code GetItem} to read, one conditional {@code PutItem} of the whole
 * item to write ({@code attribute_not_exists(orderId)} for a new order, else {@code version = :expected}). No
 * transactions, no retries here (the caller owns retrying).
 */
public final class DynamoDbOrderStore implements OrderStore {
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
