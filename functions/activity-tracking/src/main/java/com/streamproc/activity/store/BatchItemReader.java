package com.streamproc.activity.store;

import com.streamproc.shared.concurrent.ParallelMap;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads many items consistently with {@code BatchGetItem}, 100 keys per request (the requests of one read at once,
 * through the given {@link ParallelMap}), retrying transient failures and the {@code UnprocessedKeys} DynamoDB hands
 * back, until the deadline. What could not be read is reported as unread:
 * the caller must then leave the records that need those items unapplied.
 *
 * <p>A request DynamoDB refuses (a deterministic failure, such as a key it cannot accept) is narrowed: its keys are
 * read one per request, so the other keys are read; the refusal of a key on its own is thrown, for the core's
 * failure model to find the record that needs it.
 */
public final class BatchItemReader {
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final ActivityStore store;
    private final ParallelMap requests;

    public BatchItemReader(ActivityStore store) {
        this(store, ParallelMap.SEQUENTIAL);
    }

    public BatchItemReader(ActivityStore store, ParallelMap requests) {
        this.store = store;
        this.requests = requests;
    }

    /**
     * @param found items that exist, by key
     * @param unread keys whose state is unknown (read failed or time ran out); absent from both = no such item
     */
    public record Reads(Map<ItemKey, Map<String, AttributeValue>> found, Set<ItemKey> unread) {
        public boolean wasRead(ItemKey key) {
            return !unread.contains(key);
        }
    }

    public Reads readAll(Collection<ItemKey> keys, TransientRetry retry) {
        return readAll(keys, retry, () -> { });
    }

    /**
     * Reads the items while the caller's thread runs {@code meanwhile} (work that does not depend on them); returns
     * once both are done.
     */
    public Reads readAll(Collection<ItemKey> keys, TransientRetry retry, Runnable meanwhile) {
        List<ItemKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<List<ItemKey>> chunks = new ArrayList<>();
        for (int start = 0; start < distinct.size(); start += ActivityStore.MAX_KEYS_PER_READ) {
            chunks.add(distinct.subList(start, Math.min(distinct.size(), start + ActivityStore.MAX_KEYS_PER_READ)));
        }
        List<Reads> perChunk = requests.map(chunks, chunk -> {
            Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
            List<ItemKey> unread = readChunk(chunk, found, retry);
            return new Reads(found, new LinkedHashSet<>(unread));
        }, chunk -> new Reads(Map.of(), new LinkedHashSet<>(chunk)), meanwhile);
        Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
        Set<ItemKey> unread = new LinkedHashSet<>();
        for (Reads reads : perChunk) {
            found.putAll(reads.found());
            unread.addAll(reads.unread());
        }
        return new Reads(found, unread);
    }

    private List<ItemKey> readChunk(List<ItemKey> chunk, Map<ItemKey, Map<String, AttributeValue>> found,
                                    TransientRetry retry) {
        List<ItemKey> pending = chunk;
        for (int round = 1; !pending.isEmpty(); round++) {
            if (!retry.hasTimeForAnotherTry()) {
                return pending;
            }
            List<ItemKey> asking = pending;
            ActivityStore.BatchRead read;
            try {
                read = retry.call(() -> store.batchGet(asking));
            } catch (RuntimeException e) {
                if (!FailureCause.isDeterministic(e)) {
                    return pending;
                }
                if (asking.size() == 1) {
                    throw e;
                }
                List<ItemKey> unread = new ArrayList<>();
                for (ItemKey key : asking) {
                    unread.addAll(readChunk(List.of(key), found, retry));
                }
                return unread;
            }
            found.putAll(read.items());
            pending = read.unprocessed();
            if (!pending.isEmpty()) {
                if (round >= MAX_UNPROCESSED_ROUNDS) {
                    return pending;
                }
                retry.backoff(round);
            }
        }
        return List.of();
    }
}
