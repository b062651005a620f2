package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
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

    /** Rounds of unprocessed keys per chunk of a read; what is still unread after them is a transient failure. */
    private static final int READ_ROUNDS = 3;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoBatchReader reader;

    public DynamoDbCustomerStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, ParallelMap.SEQUENTIAL);
    }

    /** @param requests sends the chunks of one read at once */
    public DynamoDbCustomerStore(DynamoDbClient dynamoDb, String tableName, ParallelMap requests) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.reader = new DynamoBatchReader(dynamoDb, READ_ROUNDS, requests);
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
        Map<String, Optional<StoredCustomer>> customers = new LinkedHashMap<>();
        reader.read(tableName, customerKeys, true, CustomerItems::key, item -> item.get(CustomerItems.CUSTOMER_KEY).s())
                .forEach((id, item) -> customers.put(id, item.map(CustomerItems::fromItem)));
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
