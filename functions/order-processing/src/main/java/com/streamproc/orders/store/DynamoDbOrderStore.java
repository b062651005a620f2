package com.streamproc.orders.store;

import com.streamproc.orders.domain.Order;
import com.streamproc.shared.concurrent.ParallelMap;
import com.streamproc.shared.dynamo.DynamoBatchReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
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
    /** Rounds of unprocessed keys per chunk of a read; what is still unread after them is a transient failure. */
    private static final int READ_ROUNDS = 3;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoBatchReader reader;

    public DynamoDbOrderStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, ParallelMap.SEQUENTIAL);
    }

    /** @param requests sends the chunks of one read at once */
    public DynamoDbOrderStore(DynamoDbClient dynamoDb, String tableName, ParallelMap requests) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.reader = new DynamoBatchReader(dynamoDb, READ_ROUNDS, requests);
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
        Map<String, Optional<Order>> orders = new LinkedHashMap<>();
        reader.read(tableName, orderIds, true, id -> Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(id)),
                        item -> item.get(OrdersTable.ORDER_ID).s())
                .forEach((id, item) -> orders.put(id, item.map(OrdersTable::fromItem)));
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
