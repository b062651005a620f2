package com.streamproc.activity.store;

import com.streamproc.shared.retry.TransientRetry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB operations the activity function uses on its table, one method per request type (so that counting
 * calls counts requests). Implemented by {@link DynamoDbActivityStore} and, in tests, by an in-memory store that
 * behaves the same way, conditional failures included.
 *
 * <p>Single-request methods throw what the request threw; callers wrap them in {@link TransientRetry#call}.
 */
public interface ActivityStore {
    /** DynamoDB's limit of keys per BatchGetItem request. */
    int MAX_KEYS_PER_READ = 100;

    /**
     * One strongly consistent {@code BatchGetItem} of at most {@link #MAX_KEYS_PER_READ} distinct keys. Consistent:
     * the writers read-merge-write and must see their own previous writes.
     */
    BatchRead batchGet(List<ItemKey> keys);

    /**
     * Full-item puts with {@code BatchWriteItem}, 25 items per request, with retries, within the retry's deadline.
     * Only for items with a single writer whose content is replay-safe (BatchWriteItem cannot be conditional).
     *
     * @return the items (the same instances) that were not written
     */
    List<Map<String, AttributeValue>> putAll(List<Map<String, AttributeValue>> items, TransientRetry retry);

    /**
     * One conditional {@code PutItem}: written only if the stored item's {@code hwm} still equals
     * {@code expectedHwm}, or, when {@code expectedHwm} is null, if no item has the key.
     *
     * @return false when the condition failed (someone else wrote the item since it was read)
     */
    boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm);

    /** One eventually consistent {@code GetItem}. */
    Optional<Map<String, AttributeValue>> get(ItemKey key);

    /** One {@code Query} page of the items with partition key {@code pk}. */
    Page query(String pk, Map<String, AttributeValue> exclusiveStartKey);

    /**
     * One {@code Query} page on index {@code byActiveDay} for {@code activeDay = dayBucket} (one bucket of a day),
     * {@code Select=COUNT}.
     */
    CountPage countActiveDay(String dayBucket, Map<String, AttributeValue> exclusiveStartKey);

    /** @param unprocessed keys DynamoDB did not read this time ({@code UnprocessedKeys}) */
    record BatchRead(Map<ItemKey, Map<String, AttributeValue>> items, List<ItemKey> unprocessed) {
    }

    /** @param lastEvaluatedKey null on the last page */
    record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
    }

    /** @param lastEvaluatedKey null on the last page */
    record CountPage(long count, Map<String, AttributeValue> lastEvaluatedKey) {
    }
}
