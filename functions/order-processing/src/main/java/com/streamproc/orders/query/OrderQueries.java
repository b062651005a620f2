package com.streamproc.orders.query;

import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.store.OrdersTable;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.shared.dynamo.DynamoBatchReader;
import com.streamproc.shared.dynamo.WriteShards;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The analysts' questions about orders, each answered by {@code GetItem}, {@code BatchGetItem} or paginated
 * {@code Query} on the orders table and its indexes (never a Scan). Both indexes hold keys only, so the orders
 * themselves are then read by key: eventually consistent, like the index reads, so an order written a moment ago
 * may not show yet.
 *
 * <ul>
 *   <li>A customer's orders: {@code byCustomer}, then the orders.</li>
 *   <li>Orders by status and day, and revenue: the day's status-change items ({@code byChangeDay}, then the items),
 *       which name every order that reached a status that day; then those orders, keeping the ones whose stored
 *       state matches. The orders are the truth; the items only say where to look.</li>
 * </ul>
 */
public final class OrderQueries {
    /** Items per page asked of DynamoDB (a page is also capped at 1 MB). */
    static final int PAGE_SIZE = 500;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    // An operator's question waits out throttling rather than answering short: no bound on rounds.
    private final DynamoBatchReader reader;

    public OrderQueries(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.reader = new DynamoBatchReader(dynamoDb, 0);
    }

    /** One order, read consistently. */
    public Optional<Order> orderById(String orderId) {
        GetItemResponse response = dynamoDb.getItem(b -> b
                .tableName(tableName)
                .key(Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(orderId)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() && !OrdersTable.isStatusChanges(response.item())
                ? Optional.of(OrdersTable.fromItem(response.item())) : Optional.empty();
    }

    /** A customer's orders, newest placement first, at most {@code limit} of them. */
    public List<Order> ordersOfCustomer(String customerId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        // Each bucket newest first, up to the limit; then the newest of them all.
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        for (String bucket : WriteShards.values(customerId, OrdersTable.CUSTOMER_BUCKETS)) {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(OrdersTable.BY_CUSTOMER)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", OrdersTable.CUSTOMER_BUCKET))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(bucket)))
                    .scanIndexForward(false);
            int found = 0;
            Map<String, AttributeValue> startKey = null;
            do {
                query.limit(Math.min(PAGE_SIZE, limit - found)).exclusiveStartKey(startKey);
                QueryResponse page = dynamoDb.query(query.build());
                entries.addAll(page.items());
                found += page.items().size();
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null && found < limit);
        }
        entries.sort(Comparator.comparing((Map<String, AttributeValue> e) -> e.get(OrdersTable.PLACED_AT).s())
                .thenComparing(e -> e.get(OrdersTable.ORDER_ID).s()).reversed());
        List<String> orderIds = entries.stream().limit(limit).map(e -> e.get(OrdersTable.ORDER_ID).s()).toList();
        Map<String, Map<String, AttributeValue>> items = getAll(orderIds);
        List<Order> orders = new ArrayList<>();
        for (String orderId : orderIds) {
            Map<String, AttributeValue> item = items.get(orderId);
            if (item != null) {
                orders.add(OrdersTable.fromItem(item));
            }
        }
        return orders;
    }

    /** The orders that reached {@code status} on a UTC day and are still in it, in the order they got there. */
    public List<Order> ordersByStatusOnDay(OrderStatus status, LocalDate day) {
        List<Order> orders = new ArrayList<>();
        for (Order order : orders(candidates(day, Set.of(status)))) {
            if (order.status() == status && OrdersTable.utcDay(order.statusAt()).equals(day)) {
                orders.add(order);
            }
        }
        orders.sort(Comparator.comparing(Order::statusAt).thenComparing(Order::orderId));
        return orders;
    }

    /**
     * Revenue of a UTC day in one currency: captured on that day minus refunded on that day, in major units with
     * the currency's scale. Summed from the orders themselves, so replays cannot count anything twice.
     */
    public BigDecimal revenue(LocalDate day, Currency currency) {
        BigDecimal minor = BigDecimal.ZERO;
        for (Order order : orders(candidates(day, Set.of(OrderStatus.PAID, OrderStatus.REFUNDED)))) {
            if (!order.currency().equals(currency)) {
                continue;
            }
            if (order.capture() != null && OrdersTable.utcDay(order.capture().at()).equals(day)) {
                minor = minor.add(BigDecimal.valueOf(order.capture().minor()));
            }
            if (order.refund() != null && OrdersTable.utcDay(order.refund().at()).equals(day)) {
                minor = minor.subtract(BigDecimal.valueOf(order.refund().minor()));
            }
        }
        return Money.toDecimal(minor, currency);
    }

    /** The orders the day's status-change items name under any of {@code statuses}. */
    private Set<String> candidates(LocalDate day, Set<OrderStatus> statuses) {
        List<String> itemKeys = new ArrayList<>();
        for (String bucket : WriteShards.values(day.toString(), OrdersTable.CHANGE_DAY_BUCKETS)) {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(OrdersTable.BY_CHANGE_DAY)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", OrdersTable.CHANGE_DAY_BUCKET))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(bucket)))
                    .limit(PAGE_SIZE);
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = dynamoDb.query(query.exclusiveStartKey(startKey).build());
                page.items().forEach(item -> itemKeys.add(item.get(OrdersTable.ORDER_ID).s()));
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        Set<String> orderIds = new TreeSet<>();
        for (Map<String, AttributeValue> item : getAll(itemKeys).values()) {
            StatusChanges changes = OrdersTable.statusChangesFromItem(item);
            statuses.forEach(status -> orderIds.addAll(changes.orderIds().getOrDefault(status, Set.of())));
        }
        return orderIds;
    }

    private List<Order> orders(Collection<String> orderIds) {
        List<Order> orders = new ArrayList<>();
        for (Map<String, AttributeValue> item : getAll(new ArrayList<>(orderIds)).values()) {
            if (!OrdersTable.isStatusChanges(item)) {
                orders.add(OrdersTable.fromItem(item));
            }
        }
        return orders;
    }

    /** Items by key ({@code orderId}), eventually consistent, 100 keys per request; keys without an item are left out. */
    private Map<String, Map<String, AttributeValue>> getAll(List<String> keys) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        reader.read(tableName, keys, false, key -> Map.of(OrdersTable.ORDER_ID, AttributeValue.fromS(key)),
                        item -> item.get(OrdersTable.ORDER_ID).s())
                .forEach((key, item) -> item.ifPresent(found -> items.put(key, found)));
        return items;
    }
}
