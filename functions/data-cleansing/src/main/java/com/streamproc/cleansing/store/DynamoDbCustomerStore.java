package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@link CustomerStore} on the {@code CustomersTable}: a consistent {@code GetItem} to read one customer, a
 * consistent {@code BatchGetItem} per 100 customers to read many, one conditional
 * {@code PutItem} to write ({@code attribute_not_exists(customerKey)} for a new customer, {@code version = :read}
 * otherwise), which is the optimistic lock that keeps concurrent shards from losing each other's fields.
 */
public final class DynamoDbCustomerStore implements CustomerStore {
    private static final String NEW_CUSTOMER = "attribute_not_exists(" + CustomerItems.CUSTOMER_KEY + ")";
    private static final String SAME_VERSION = "#version = :expected";

    /** DynamoDB's limit of keys per BatchGetItem request. */
    static final int MAX_KEYS_PER_READ = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 3;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbCustomerStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<StoredCustomer> load(String customerKey) {
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(CustomerItems.key(customerKey))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(CustomerItems.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public Map<String, Optional<StoredCustomer>> loadAll(Collection<String> customerKeys) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(customerKeys));
        Map<String, Optional<StoredCustomer>> customers = new LinkedHashMap<>();
        for (int start = 0; start < distinct.size(); start += MAX_KEYS_PER_READ) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String key : distinct.subList(start, Math.min(distinct.size(), start + MAX_KEYS_PER_READ))) {
                keys.add(CustomerItems.key(key));
            }
            for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !keys.isEmpty(); round++) {
                List<Map<String, AttributeValue>> asking = keys;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(tableName,
                        KeysAndAttributes.builder().keys(asking).consistentRead(true).build())));
                Set<String> found = new HashSet<>();
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    String key = item.get(CustomerItems.CUSTOMER_KEY).s();
                    found.add(key);
                    customers.put(key, Optional.of(CustomerItems.fromItem(item)));
                }
                KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName)
                        : null;
                keys = left != null && left.hasKeys() ? new ArrayList<>(left.keys()) : List.of();
                Set<String> unprocessed = new HashSet<>();
                keys.forEach(key -> unprocessed.add(key.get(CustomerItems.CUSTOMER_KEY).s()));
                for (Map<String, AttributeValue> key : asking) {
                    String customerKey = key.get(CustomerItems.CUSTOMER_KEY).s();
                    if (!found.contains(customerKey) && !unprocessed.contains(customerKey)) {
                        customers.put(customerKey, Optional.empty());
                    }
                }
            }
        }
        return customers;
    }

    @Override
    public boolean putIfVersion(Customer customer, long expectedVersion) {
        Map<String, AttributeValue> item = CustomerItems.toItem(customer, expectedVersion + 1);
        try {
            if (expectedVersion == 0) {
                dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression(NEW_CUSTOMER)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            } else {
                dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression(SAME_VERSION)
                        .expressionAttributeNames(Map.of("#version", CustomerItems.VERSION))
                        .expressionAttributeValues(Map.of(":expected",
                                AttributeValue.fromN(Long.toString(expectedVersion))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            }
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        }
    }
}
