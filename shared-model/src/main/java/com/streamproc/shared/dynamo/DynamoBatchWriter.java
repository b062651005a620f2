package com.streamproc.shared.dynamo;

import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes many items with {@code BatchWriteItem}, 25 per request, retrying transient failures and the
 * {@code UnprocessedItems} DynamoDB hands back (with backoff), until the deadline.
 *
 * <p>BatchWriteItem cannot be conditional: use it only for items with a single writer whose content is
 * replay-safe by construction (idempotent puts keyed by the record, or read-merge-write under one writer).
 */
public final class DynamoBatchWriter {
    /** DynamoDB's limit of items per BatchWriteItem request. */
    public static final int MAX_ITEMS_PER_REQUEST = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;

    public DynamoBatchWriter(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * Writes {@code requests} to {@code table}.
     *
     * @return the requests (the same instances) that were not written; empty when all were
     */
    public List<WriteRequest> writeAll(String table, List<WriteRequest> requests, TransientRetry retry) {
        List<WriteRequest> failed = new ArrayList<>();
        for (int start = 0; start < requests.size(); start += MAX_ITEMS_PER_REQUEST) {
            List<WriteRequest> chunk = requests.subList(start, Math.min(requests.size(), start + MAX_ITEMS_PER_REQUEST));
            if (!retry.hasTimeForAnotherTry()) {
                failed.addAll(chunk);
                continue;
            }
            failed.addAll(writeChunk(table, chunk, retry));
        }
        return failed;
    }

    private List<WriteRequest> writeChunk(String table, List<WriteRequest> chunk, TransientRetry retry) {
        List<WriteRequest> pending = new ArrayList<>(chunk);
        for (int round = 1; !pending.isEmpty(); round++) {
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response;
            try {
                response = retry.call(() -> dynamoDb.batchWriteItem(b -> b
                        .requestItems(Map.of(table, sending))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            } catch (RuntimeException e) {
                return pending;
            }
            List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (unprocessed.isEmpty()) {
                return List.of();
            }
            // Unprocessed items come back as equal copies; hand the caller's own instances back.
            pending = sameInstances(sending, unprocessed);
            if (round >= MAX_UNPROCESSED_ROUNDS || !retry.hasTimeForAnotherTry()) {
                return pending;
            }
            retry.backoff(round);
        }
        return List.of();
    }

    private static List<WriteRequest> sameInstances(List<WriteRequest> sent, List<WriteRequest> unprocessed) {
        Set<WriteRequest> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        List<WriteRequest> result = new ArrayList<>(unprocessed.size());
        for (WriteRequest copy : unprocessed) {
            for (WriteRequest original : sent) {
                if (!matched.contains(original) && original.equals(copy)) {
                    matched.add(original);
                    result.add(original);
                    break;
                }
            }
        }
        return result;
    }
}
