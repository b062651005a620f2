package com.streamproc.shared.dynamo;

import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes many items with {@code BatchWriteItem}, 25 per request, retrying transient failures and the
 * {@code UnprocessedItems} DynamoDB hands back (with backoff), until the deadline.
 *
 * <p>A request that fails deterministically (DynamoDB refuses it: an item over 400 KB, an empty index key, two
 * puts of one key) is narrowed: its items are written one per request, so only the items DynamoDB refuses on
 * their own are {@linkplain Outcome#rejected() rejected}, never the whole request.
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
     * What became of the requests of one {@link #writeEach}.
     *
     * @param unwritten   requests (the caller's instances) not written for a transient or configuration failure,
     *                    or for lack of time: write them again later
     * @param rejected    requests DynamoDB refuses on their own, with the failure: no retry will write them
     * @param lastFailure the last failure met, for the log, or {@code null}
     */
    public record Outcome(List<WriteRequest> unwritten, List<Rejection> rejected, RuntimeException lastFailure) {
        public boolean allWritten() {
            return unwritten.isEmpty() && rejected.isEmpty();
        }
    }

    /** A request DynamoDB refused on its own, and why. */
    public record Rejection(WriteRequest request, RuntimeException failure) {
    }

    /** Writes {@code requests} to {@code table}; see {@link Outcome}. */
    public Outcome writeEach(String table, List<WriteRequest> requests, TransientRetry retry) {
        Accumulator result = new Accumulator();
        for (int start = 0; start < requests.size(); start += MAX_ITEMS_PER_REQUEST) {
            List<WriteRequest> chunk = requests.subList(start, Math.min(requests.size(), start + MAX_ITEMS_PER_REQUEST));
            if (!retry.hasTimeForAnotherTry()) {
                result.unwritten.addAll(chunk);
                continue;
            }
            writeChunk(table, chunk, retry, result);
        }
        return new Outcome(result.unwritten, result.rejected, result.lastFailure);
    }

    /**
     * Writes {@code requests} to {@code table}.
     *
     * @return the requests (the same instances) that were not written; empty when all were
     * @throws RuntimeException the failure of a request DynamoDB refuses on its own (deterministic), after the
     *                          other requests were written
     */
    public List<WriteRequest> writeAll(String table, List<WriteRequest> requests, TransientRetry retry) {
        Outcome outcome = writeEach(table, requests, retry);
        if (!outcome.rejected().isEmpty()) {
            throw outcome.rejected().get(0).failure();
        }
        return outcome.unwritten();
    }

    private void writeChunk(String table, List<WriteRequest> chunk, TransientRetry retry, Accumulator result) {
        List<WriteRequest> pending = new ArrayList<>(chunk);
        for (int round = 1; !pending.isEmpty(); round++) {
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response;
            try {
                response = retry.call(() -> dynamoDb.batchWriteItem(b -> b
                        .requestItems(Map.of(table, sending))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            } catch (RuntimeException e) {
                result.lastFailure = e;
                if (FailureCause.of(e).kind().stopsKey()) {
                    result.unwritten.addAll(pending);
                } else if (pending.size() == 1) {
                    result.rejected.add(new Rejection(pending.get(0), e));
                } else {
                    // Deterministic: find the items DynamoDB refuses by sending each on its own.
                    for (WriteRequest single : pending) {
                        writeChunk(table, List.of(single), retry, result);
                    }
                }
                return;
            }
            List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (unprocessed.isEmpty()) {
                return;
            }
            // Unprocessed items come back as equal copies; hand the caller's own instances back.
            pending = sameInstances(sending, unprocessed);
            if (round >= MAX_UNPROCESSED_ROUNDS || !retry.hasTimeForAnotherTry()) {
                result.unwritten.addAll(pending);
                return;
            }
            retry.backoff(round);
        }
    }

    private static final class Accumulator {
        final List<WriteRequest> unwritten = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();
        RuntimeException lastFailure;
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
