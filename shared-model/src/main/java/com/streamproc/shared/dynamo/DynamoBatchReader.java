package com.streamproc.shared.dynamo;

import com.streamproc.shared.concurrent.ParallelMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items of one table by key with {@code BatchGetItem}, 100 keys per request, asking again for the
 * {@code UnprocessedKeys} DynamoDB hands back a bounded number of times. No other retries here: the caller owns
 * retrying transient failures.
 *
 * <p>The result holds one entry per key DynamoDB answered: the item, or empty when DynamoDB confirmed there is none.
 * A key still unprocessed after the last round has <em>no</em> entry, so the caller can tell "not read" (a
 * transient failure for the record that needs it) from "no item" (a new key).
 *
 * <p>Every key is billed, a missing one too (one read unit per 4 KB, half for an eventually consistent read), so
 * ids are de-duplicated before they are asked for.
 */
public final class DynamoBatchReader {
    /** DynamoDB's limit of keys per BatchGetItem request. */
    public static final int MAX_KEYS_PER_REQUEST = 100;

    private final DynamoDbClient dynamoDb;
    private final int maxRounds;
    private final ParallelMap requests;

    /**
     * @param maxRounds how many requests at most one chunk of 100 keys gets: the first, then one per round of
     *                  unprocessed keys; 0 means no bound (for tools, not for a function with a deadline)
     */
    public DynamoBatchReader(DynamoDbClient dynamoDb, int maxRounds) {
        this(dynamoDb, maxRounds, ParallelMap.SEQUENTIAL);
    }

    /**
     * The same, with the chunks of one read sent through {@code requests} (at once, with
     * {@link com.streamproc.shared.concurrent.ConcurrentRequests}): a read of 1,000 keys then takes one round trip,
     * not ten.
     */
    public DynamoBatchReader(DynamoDbClient dynamoDb, int maxRounds, ParallelMap requests) {
        if (maxRounds < 0) {
            throw new IllegalArgumentException("maxRounds must be 0 (no bound) or more, was " + maxRounds);
        }
        this.dynamoDb = dynamoDb;
        this.maxRounds = maxRounds;
        this.requests = requests;
    }

    /**
     * Reads the items of {@code ids}, in the order of their first appearance. A failure of any chunk's request is
     * thrown (the first chunk's, in key order) once every chunk is done.
     *
     * @param consistent strongly consistent reads (what a read-fold-write needs) or eventually consistent
     * @param keyOf      the table key of an id
     * @param idOf       the id an item belongs to (the inverse of {@code keyOf}, read from the item's key attributes)
     */
    public <K> Map<K, Optional<Map<String, AttributeValue>>> read(String tableName, Collection<K> ids,
            boolean consistent, Function<K, Map<String, AttributeValue>> keyOf,
            Function<Map<String, AttributeValue>, K> idOf) {
        List<K> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<K>> chunks = new ArrayList<>();
        for (int start = 0; start < distinct.size(); start += MAX_KEYS_PER_REQUEST) {
            chunks.add(distinct.subList(start, Math.min(distinct.size(), start + MAX_KEYS_PER_REQUEST)));
        }
        // Each chunk catches its own failure, so that every kind is thrown here as it would be one chunk at a time.
        List<ChunkRead<K>> reads = requests.map(chunks, chunk -> {
            try {
                return new ChunkRead<>(readChunk(tableName, chunk, consistent, keyOf, idOf), null);
            } catch (RuntimeException e) {
                return new ChunkRead<>(Map.of(), e);
            }
        }, chunk -> new ChunkRead<>(Map.of(), new IllegalStateException("chunk read did not finish")));
        Map<K, Optional<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        for (ChunkRead<K> read : reads) {
            if (read.failure() != null) {
                throw read.failure();
            }
            items.putAll(read.items());
        }
        Map<K, Optional<Map<String, AttributeValue>>> inOrder = new LinkedHashMap<>();
        for (K id : distinct) {
            Optional<Map<String, AttributeValue>> item = items.get(id);
            if (item != null) {
                inOrder.put(id, item);
            }
        }
        return inOrder;
    }

    private record ChunkRead<K>(Map<K, Optional<Map<String, AttributeValue>>> items, RuntimeException failure) {
    }

    private <K> Map<K, Optional<Map<String, AttributeValue>>> readChunk(String tableName, List<K> chunk,
            boolean consistent, Function<K, Map<String, AttributeValue>> keyOf,
            Function<Map<String, AttributeValue>, K> idOf) {
        Map<K, Optional<Map<String, AttributeValue>>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (K id : chunk) {
            keys.add(keyOf.apply(id));
        }
        for (int round = 0; (maxRounds == 0 || round < maxRounds) && !keys.isEmpty(); round++) {
            List<Map<String, AttributeValue>> asking = keys;
            BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(tableName,
                    KeysAndAttributes.builder().keys(asking).consistentRead(consistent).build())));
            Set<K> found = new HashSet<>();
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                K id = idOf.apply(item);
                found.add(id);
                items.put(id, Optional.of(item));
            }
            KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName)
                    : null;
            keys = left != null && left.hasKeys() ? new ArrayList<>(left.keys()) : List.of();
            Set<K> unprocessed = new HashSet<>();
            keys.forEach(key -> unprocessed.add(idOf.apply(key)));
            for (Map<String, AttributeValue> key : asking) {
                K id = idOf.apply(key);
                if (!found.contains(id) && !unprocessed.contains(id)) {
                    items.put(id, Optional.empty());
                }
            }
        }
        return items;
    }
}
