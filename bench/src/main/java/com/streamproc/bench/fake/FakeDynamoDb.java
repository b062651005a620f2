package com.streamproc.bench.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * An in-process DynamoDB stand-in with the operations the functions use while processing (GetItem, PutItem with
 * their condition expressions, BatchGetItem, BatchWriteItem), backed by maps, with an optional fixed delay per
 * request to model the network round trip. Counts requests per operation. Thread-safe; a conditional put is atomic
 * per item, as in DynamoDB.
 *
 * <p>Used with no delay as the in-memory sink of the CPU benchmarks and with 10 ms per request in the latency
 * benchmark.
 */
public final class FakeDynamoDb implements DynamoDbClient {
    private final Map<String, List<String>> keyAttributes;
    private final Map<String, Map<List<AttributeValue>, Map<String, AttributeValue>>> tables = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final long delayNanos;
    private volatile BiConsumer<String, Map<String, AttributeValue>> onPut = (table, item) -> { };

    /**
     * @param keyAttributes per table name, its key attribute names (hash key first)
     * @param delay         added to every request (zero for none)
     */
    public FakeDynamoDb(Map<String, List<String>> keyAttributes, Duration delay) {
        this.keyAttributes = Map.copyOf(keyAttributes);
        this.delayNanos = delay.toNanos();
        keyAttributes.keySet().forEach(table -> tables.put(table, new ConcurrentHashMap<>()));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        enter("GetItem");
        Map<String, AttributeValue> item = table(request.tableName()).get(key(request.tableName(), request.key()));
        return item == null ? GetItemResponse.builder().build()
                : GetItemResponse.builder().item(new HashMap<>(item)).build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        enter("PutItem");
        Map<List<AttributeValue>, Map<String, AttributeValue>> table = table(request.tableName());
        List<AttributeValue> key = key(request.tableName(), request.item());
        Map<String, AttributeValue> copy = Map.copyOf(request.item());
        boolean[] failed = {false};
        table.compute(key, (k, stored) -> {
            if (!ConditionCheck.holds(request.conditionExpression(), request.expressionAttributeNames(),
                    request.expressionAttributeValues(), stored)) {
                failed[0] = true;
                return stored;
            }
            return copy;
        });
        if (failed[0]) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        onPut.accept(request.tableName(), copy);
        return PutItemResponse.builder().build();
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        enter("BatchGetItem");
        Map<String, List<Map<String, AttributeValue>>> responses = new HashMap<>();
        request.requestItems().forEach((tableName, keys) -> {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (Map<String, AttributeValue> key : keys.keys()) {
                Map<String, AttributeValue> item = table(tableName).get(key(tableName, key));
                if (item != null) {
                    found.add(new HashMap<>(item));
                }
            }
            responses.put(tableName, found);
        });
        return BatchGetItemResponse.builder().responses(responses)
                .unprocessedKeys(Map.<String, KeysAndAttributes>of()).build();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        enter("BatchWriteItem");
        request.requestItems().forEach((tableName, writes) -> {
            for (WriteRequest write : writes) {
                if (write.putRequest() != null) {
                    Map<String, AttributeValue> item = write.putRequest().item();
                    table(tableName).put(key(tableName, item), Map.copyOf(item));
                    onPut.accept(tableName, Map.copyOf(item));
                } else if (write.deleteRequest() != null) {
                    table(tableName).remove(key(tableName, write.deleteRequest().key()));
                }
            }
        });
        return BatchWriteItemResponse.builder().unprocessedItems(Map.<String, List<WriteRequest>>of()).build();
    }

    /** Called with the table and item of every successful put (PutItem, or a put of a BatchWriteItem). */
    public void onPut(BiConsumer<String, Map<String, AttributeValue>> listener) {
        this.onPut = listener;
    }

    /** Requests per operation so far, sorted by operation. */
    public Map<String, Long> requestsByOperation() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((op, n) -> copy.put(op, n.get()));
        return copy;
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Items stored in {@code tableName}. */
    public int itemCount(String tableName) {
        return table(tableName).size();
    }

    /** Empties every table and the request counts. */
    public void reset() {
        tables.values().forEach(Map::clear);
        requests.clear();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private void enter(String operation) {
        requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        if (delayNanos > 0) {
            sleep(delayNanos);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the simulated round trip", e);
        }
    }

    private Map<List<AttributeValue>, Map<String, AttributeValue>> table(String tableName) {
        Map<List<AttributeValue>, Map<String, AttributeValue>> table = tables.get(tableName);
        if (table == null) {
            throw ResourceNotFoundException.builder().message("no table " + tableName).build();
        }
        return table;
    }

    private List<AttributeValue> key(String tableName, Map<String, AttributeValue> item) {
        List<String> names = keyAttributes.get(tableName);
        List<AttributeValue> key = new ArrayList<>(names.size());
        for (String name : names) {
            AttributeValue value = item.get(name);
            if (value == null) {
                throw new IllegalArgumentException("item of " + tableName + " lacks key attribute " + name);
            }
            key.add(value);
        }
        return key;
    }
}
