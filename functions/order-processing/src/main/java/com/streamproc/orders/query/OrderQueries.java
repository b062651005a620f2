package com.streamproc.orders.query;

import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.store.OrdersTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The analysts' questions about orders, each answered by {@code GetItem} or paginated {@code Query} on the orders
 * table and its indexes (never a Scan). Index reads are eventually consistent: an order written a moment ago may
 * not show yet.
 */
public final class OrderQueries {
    /** Items per page asked of DynamoDB (a page is also capped at 1 MB). */
    static final int PAGE_SIZE = 500;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public OrderQueries(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One order, read consistently. */
    public Optional<Order> orderById(String orderId) {
        GetItemResponse response = dynamoDb.getItem(b -> b
                .tableName(tableName)
                .key(Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(orderId)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrdersTable.fromItem(response.item())) : Optional.empty();
    }

    /** A customer's orders, newest placement first, at most {@code limit} of them. */
    public List<Order> ordersOfCustomer(String customerId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Order> orders = new ArrayList<>();
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(OrdersTable.BY_CUSTOMER)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", OrdersTable.CUSTOMER_ID))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(customerId)))
                .scanIndexForward(false);
        Map<String, AttributeValue> startKey = null;
        do {
            query.limit(Math.min(PAGE_SIZE, limit - orders.size())).exclusiveStartKey(startKey);
            QueryResponse page = dynamoDb.query(query.build());
            page.items().forEach(item -> orders.add(OrdersTable.fromItem(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && orders.size() < limit);
        return orders;
    }

    /** The orders that reached {@code status} on a UTC day and are still in it, in the order they got there. */
    public List<Order> ordersByStatusOnDay(OrderStatus status, LocalDate day) {
        List<Order> orders = new ArrayList<>();
        queryAll(OrdersTable.BY_STATUS_DAY, OrdersTable.STATUS_DAY, OrdersTable.statusDay(status, day),
                item -> orders.add(OrdersTable.fromItem(item)));
        return orders;
    }

    /**
     * Revenue of a UTC day in one currency: captured on that day minus refunded on that day, in major units with
     * the currency's scale. Summed from the orders themselves, so replays cannot count anything twice.
     */
    public BigDecimal revenue(LocalDate day, Currency currency) {
        String key = OrdersTable.moneyDay(day, currency);
        BigDecimal[] minor = {BigDecimal.ZERO};
        queryAll(OrdersTable.BY_CAPTURE_DAY, OrdersTable.CAPTURE_DAY, key,
                item -> minor[0] = minor[0].add(new BigDecimal(item.get(OrdersTable.CAPTURED_MINOR).n())));
        queryAll(OrdersTable.BY_REFUND_DAY, OrdersTable.REFUND_DAY, key,
                item -> minor[0] = minor[0].subtract(new BigDecimal(item.get(OrdersTable.REFUNDED_MINOR).n())));
        return Money.toDecimal(minor[0], currency);
    }

    private void queryAll(String index, String keyAttribute, String keyValue, Consumer<Map<String, AttributeValue>> each) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(index)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", keyAttribute))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(keyValue)))
                .limit(PAGE_SIZE);
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamoDb.query(query.exclusiveStartKey(startKey).build());
            page.items().forEach(each);
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }
}
