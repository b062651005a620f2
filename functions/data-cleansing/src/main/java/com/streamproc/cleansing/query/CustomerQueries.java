package com.streamproc.cleansing.query;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerKeys;
import com.streamproc.cleansing.normalize.EmailNormalizer;
import com.streamproc.cleansing.normalize.Normalized;
import com.streamproc.cleansing.normalize.PhoneNormalizer;
import com.streamproc.cleansing.store.CustomerItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Looks customers up the way analysts and support ask: by e-mail, by phone, by key. {@code GetItem} and
 * {@code Query} only, never {@code Scan}. Input is normalised with the same normalisers as the stream, so
 * {@code " Jane.Doe@Example.COM "} finds {@code EMAIL#jane.doe@example.com}.
 */
public final class CustomerQueries {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final EmailNormalizer emails = new EmailNormalizer();
    private final PhoneNormalizer phones = new PhoneNormalizer();

    public CustomerQueries(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One {@code GetItem}. */
    public Optional<Customer> byKey(String customerKey) {
        var response = dynamoDb.getItem(b -> b.tableName(tableName).key(CustomerItems.key(customerKey)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(CustomerItems.fromItem(response.item()).customer()) : Optional.empty();
    }

    /**
     * The customer whose normalised e-mail this is; one {@code GetItem}.
     *
     * @throws IllegalArgumentException when {@code email} is not a valid address
     */
    public Optional<Customer> byEmail(String email) {
        Normalized<String> normalized = emails.normalize(email);
        if (!normalized.isValid()) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
        return byKey(CustomerKeys.forEmail(normalized.valueOrNull()));
    }

    /**
     * Every customer holding this phone number: a customer keyed by it and any customer keyed by e-mail whose
     * newest phone it is. A {@code Query} on the {@code byPhone} index, then a {@code GetItem} per key found
     * (the index is eventually consistent and keys-only).
     *
     * @param phone         the number in any format {@link PhoneNormalizer} reads
     * @param defaultRegion ISO 3166-1 alpha-2 for numbers written nationally, or {@code null}
     * @throws IllegalArgumentException when {@code phone} is not a valid number
     */
    public List<Customer> byPhone(String phone, String defaultRegion) {
        Normalized<String> normalized = phones.normalize(phone, defaultRegion);
        if (!normalized.isValid()) {
            throw new IllegalArgumentException("not a valid phone number");
        }
        TreeSet<String> keys = new TreeSet<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamoDb.query(b -> b.tableName(tableName)
                    .indexName(CustomerItems.BY_PHONE_INDEX)
                    .keyConditionExpression("#phone = :phone")
                    .expressionAttributeNames(Map.of("#phone", CustomerItems.PHONE))
                    .expressionAttributeValues(Map.of(":phone", AttributeValue.fromS(normalized.valueOrNull())))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> keys.add(item.get(CustomerItems.CUSTOMER_KEY).s()));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        List<Customer> customers = new ArrayList<>(keys.size());
        for (String key : keys) {
            byKey(key).ifPresent(customers::add);
        }
        return customers;
    }
}
