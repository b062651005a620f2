package com.streamproc.activity.testing;

import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.shared.retry.TransientFailureException;
import com.streamproc.shared.retry.TransientRetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link ActivityStore} in memory that behaves like the DynamoDB table for the operations the function uses:
 * request limits (100 keys per BatchGetItem, 25 distinct items per BatchWriteItem), conditional puts, unprocessed
 * items, paginated queries, the {@code byActiveDay} index. It counts requests per operation and writes per item,
 * and injects faults following a {@link FaultPlan}. Thread-safe.
 *
 * <p>{@link #putAll} follows the shared {@code DynamoBatchWriter}: 25 items per request, transient failures retried,
 * unprocessed items re-sent up to 8 rounds, the rest handed back.
 */
public final class InMemoryActivityStore implements ActivityStore {
    public static final String BATCH_GET = "BatchGetItem";
    public static final String BATCH_WRITE = "BatchWriteItem";
    public static final String PUT = "PutItem";
    public static final String GET = "GetItem";
    public static final String QUERY = "Query";
    private static final int MAX_ITEMS_PER_WRITE = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final TreeMap<ItemKey, Map<String, AttributeValue>> items = new TreeMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<ItemKey, Integer> writesPerItem = new HashMap<>();
    private final int pageSize;
    private volatile FaultPlan faults = FaultPlan.none();
    private volatile Runnable onDeadline = () -> { };

    /** @param pageSize items per query page (small values exercise pagination) */
    public InMemoryActivityStore(int pageSize) {
        this.pageSize = pageSize;
    }

    public InMemoryActivityStore() {
        this(1000);
    }

    public void faults(FaultPlan plan) {
        this.faults = plan;
    }

    /** What a {@link StoreFault#DEADLINE} fault does (typically: advance the test's nano clock). */
    public void onDeadline(Runnable action) {
        this.onDeadline = action;
    }

    @Override
    public BatchRead batchGet(List<ItemKey> keys) {
        count(BATCH_GET);
        if (keys.isEmpty() || keys.size() > MAX_KEYS_PER_READ || new HashSet<>(keys).size() != keys.size()) {
            throw new IllegalArgumentException("BatchGetItem needs 1-100 distinct keys, got " + keys.size());
        }
        StoreFault fault = fault(BATCH_GET);
        if (fault == StoreFault.FAIL || fault == StoreFault.LOST_RESPONSE) {
            throw new TransientFailureException("injected " + fault + " on " + BATCH_GET);
        }
        List<ItemKey> reading = fault == StoreFault.PARTIAL ? everyOther(keys, 0) : keys;
        Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
        synchronized (this) {
            for (ItemKey key : reading) {
                Map<String, AttributeValue> item = items.get(key);
                if (item != null) {
                    found.put(key, item);
                }
            }
        }
        return new BatchRead(found, fault == StoreFault.PARTIAL ? everyOther(keys, 1) : List.of());
    }

    @Override
    public List<Map<String, AttributeValue>> putAll(List<Map<String, AttributeValue>> puts, TransientRetry retry) {
        List<Map<String, AttributeValue>> failed = new ArrayList<>();
        for (int start = 0; start < puts.size(); start += MAX_ITEMS_PER_WRITE) {
            List<Map<String, AttributeValue>> chunk = puts.subList(start, Math.min(puts.size(), start + MAX_ITEMS_PER_WRITE));
            if (!retry.hasTimeForAnotherTry()) {
                failed.addAll(chunk);
                continue;
            }
            List<Map<String, AttributeValue>> pending = chunk;
            for (int round = 1; !pending.isEmpty(); round++) {
                List<Map<String, AttributeValue>> sending = pending;
                try {
                    pending = retry.call(() -> batchWrite(sending));
                } catch (RuntimeException e) {
                    failed.addAll(sending);
                    break;
                }
                if (!pending.isEmpty() && (round >= MAX_UNPROCESSED_ROUNDS || !retry.hasTimeForAnotherTry())) {
                    failed.addAll(pending);
                    break;
                }
            }
        }
        return failed;
    }

    /** One BatchWriteItem request; returns the unprocessed items. */
    private List<Map<String, AttributeValue>> batchWrite(List<Map<String, AttributeValue>> chunk) {
        count(BATCH_WRITE);
        Set<ItemKey> keys = new HashSet<>();
        chunk.forEach(item -> keys.add(ItemKey.of(item)));
        if (chunk.isEmpty() || chunk.size() > MAX_ITEMS_PER_WRITE || keys.size() != chunk.size()) {
            throw new IllegalArgumentException("BatchWriteItem needs 1-25 items with distinct keys");
        }
        StoreFault fault = fault(BATCH_WRITE);
        if (fault == StoreFault.FAIL) {
            throw new TransientFailureException("injected FAIL on " + BATCH_WRITE);
        }
        List<Map<String, AttributeValue>> writing = fault == StoreFault.PARTIAL ? everyOther(chunk, 0) : chunk;
        synchronized (this) {
            writing.forEach(this::store);
        }
        if (fault == StoreFault.LOST_RESPONSE) {
            throw new TransientFailureException("injected LOST_RESPONSE on " + BATCH_WRITE);
        }
        return fault == StoreFault.PARTIAL ? everyOther(chunk, 1) : List.of();
    }

    @Override
    public boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm) {
        count(PUT);
        StoreFault fault = fault(PUT);
        if (fault == StoreFault.FAIL) {
            throw new TransientFailureException("injected FAIL on " + PUT);
        }
        boolean written;
        synchronized (this) {
            Map<String, AttributeValue> stored = items.get(ItemKey.of(item));
            written = expectedHwm == null
                    ? stored == null
                    : stored != null && stored.get(ActivityTableLayout.HWM) != null
                            && expectedHwm.equals(stored.get(ActivityTableLayout.HWM).s());
            if (written) {
                store(item);
            }
        }
        if (fault == StoreFault.LOST_RESPONSE) {
            throw new TransientFailureException("injected LOST_RESPONSE on " + PUT);
        }
        return written;
    }

    @Override
    public synchronized Optional<Map<String, AttributeValue>> get(ItemKey key) {
        count(GET);
        return Optional.ofNullable(items.get(key));
    }

    @Override
    public synchronized Page query(String pk, Map<String, AttributeValue> exclusiveStartKey) {
        count(QUERY);
        ItemKey after = exclusiveStartKey == null ? null : ItemKey.of(exclusiveStartKey);
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        for (Map.Entry<ItemKey, Map<String, AttributeValue>> entry : items.entrySet()) {
            ItemKey key = entry.getKey();
            if (!key.pk().equals(pk) || (after != null && key.compareTo(after) <= 0)) {
                continue;
            }
            if (page.size() == pageSize) {
                return new Page(page, ItemKey.of(page.get(page.size() - 1)).toKeyMap());
            }
            page.add(entry.getValue());
        }
        return new Page(page, null);
    }

    @Override
    public synchronized CountPage countActiveDay(String day, Map<String, AttributeValue> exclusiveStartKey) {
        count(QUERY);
        // The index is ordered by its sort key, pk; user-day items are unique per (activeDay, pk).
        String afterPk = exclusiveStartKey == null ? null : exclusiveStartKey.get(ActivityTableLayout.PK).s();
        List<ItemKey> matching = items.entrySet().stream()
                .filter(e -> e.getValue().containsKey(ActivityTableLayout.ACTIVE_DAY)
                        && e.getValue().get(ActivityTableLayout.ACTIVE_DAY).s().equals(day))
                .map(Map.Entry::getKey)
                .filter(key -> afterPk == null || key.pk().compareTo(afterPk) > 0)
                .sorted()
                .toList();
        if (matching.size() <= pageSize) {
            return new CountPage(matching.size(), null);
        }
        ItemKey last = matching.get(pageSize - 1);
        Map<String, AttributeValue> lastKey = new HashMap<>(last.toKeyMap());
        lastKey.put(ActivityTableLayout.ACTIVE_DAY, AttributeValue.fromS(day));
        return new CountPage(pageSize, lastKey);
    }

    /** Items at even ({@code from} 0) or odd (1) positions: DynamoDB leaves unprocessed items in any order. */
    private static <T> List<T> everyOther(List<T> list, int from) {
        List<T> picked = new ArrayList<>();
        for (int i = from; i < list.size(); i += 2) {
            picked.add(list.get(i));
        }
        return picked;
    }

    private void store(Map<String, AttributeValue> item) {
        ItemKey key = ItemKey.of(item);
        items.put(key, Map.copyOf(item));
        writesPerItem.merge(key, 1, Integer::sum);
    }

    private StoreFault fault(String operation) {
        StoreFault fault = faults.next(operation);
        if (fault == StoreFault.DEADLINE) {
            onDeadline.run();
        }
        return fault;
    }

    private void count(String operation) {
        requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    /** Requests sent for {@code operation} (one of the constants of this class). */
    public long requests(String operation) {
        AtomicLong n = requests.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Write requests of any kind (BatchWriteItem and PutItem). */
    public long writeRequests() {
        return requests(BATCH_WRITE) + requests(PUT);
    }

    public void resetCounts() {
        requests.clear();
        synchronized (this) {
            writesPerItem.clear();
        }
    }

    /** How often the item with {@code key} was written (puts that landed). */
    public synchronized int writesOf(ItemKey key) {
        return writesPerItem.getOrDefault(key, 0);
    }

    /** A copy of every stored item. */
    public synchronized Map<ItemKey, Map<String, AttributeValue>> items() {
        return new TreeMap<>(items);
    }
}
