package com.streamproc.shared.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link BatchApplier} that groups a batch by key and applies each group in sequence order on one thread, with
 * up to {@code maxConcurrentKeys} groups at a time.
 *
 * <ul>
 *   <li>Within a key, records are applied strictly in sequence-number order (the batch arrives sorted).</li>
 *   <li>Different keys run concurrently, bounded by {@code maxConcurrentKeys}; the threads are created once per
 *       execution environment and reused across invocations.</li>
 *   <li>Each group goes to the function's {@link PartitionApplier} whole (for one item per key:
 *       {@link VersionedKeyApplier}); it marks the outcomes, and after a failure writes no later record of the
 *       key.</li>
 *   <li>No group and no record starts after the deadline; what did not start stays unmarked (reported).</li>
 *   <li>A {@code RuntimeException} escaping a group is handled by the failure model ({@link FailureIsolation}):
 *       transient, it marks that group's unmarked records failed; deterministic, the record that causes it is
 *       found by applying shorter runs of the group and quarantined. Other groups are unaffected. An
 *       {@code Error} ends the invocation (after the running groups finish).</li>
 * </ul>
 *
 * @param <E> the function's event type
 */
public final class KeyedBatchApplier<E> implements BatchApplier<E> {
    private final Function<InboundRecord<E>, String> keyOf;
    private final PartitionApplier<E> partitionApplier;
    private final int maxConcurrentKeys;
    private final ExecutorService executor;

    private KeyedBatchApplier(Function<InboundRecord<E>, String> keyOf, PartitionApplier<E> partitionApplier,
                              int maxConcurrentKeys) {
        if (maxConcurrentKeys < 1) {
            throw new IllegalArgumentException("maxConcurrentKeys must be at least 1");
        }
        this.keyOf = keyOf;
        this.partitionApplier = partitionApplier;
        this.maxConcurrentKeys = maxConcurrentKeys;
        this.executor = maxConcurrentKeys == 1 ? null : Executors.newFixedThreadPool(maxConcurrentKeys, daemonThreads());
    }

    /** Groups by {@code keyOf} (a domain key such as an order id) and hands each group to {@code applier} whole. */
    public static <E> KeyedBatchApplier<E> perKey(Function<InboundRecord<E>, String> keyOf,
                                                  PartitionApplier<E> applier, int maxConcurrentKeys) {
        return new KeyedBatchApplier<>(keyOf, applier, maxConcurrentKeys);
    }

    @Override
    public void apply(List<InboundRecord<E>> records, ApplyContext context) {
        Map<String, List<InboundRecord<E>>> groups = new LinkedHashMap<>();
        for (InboundRecord<E> record : records) {
            groups.computeIfAbsent(keyOf.apply(record), k -> new ArrayList<>()).add(record);
        }
        if (executor == null || groups.size() == 1) {
            groups.forEach((key, group) -> applyGroup(key, group, context));
            return;
        }
        List<Future<?>> running = new ArrayList<>(groups.size());
        groups.forEach((key, group) -> running.add(executor.submit(() -> applyGroup(key, group, context))));
        Error fatal = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // applyGroup contains every RuntimeException; only an Error gets here.
                if (e.getCause() instanceof Error error && fatal == null) {
                    fatal = error;
                }
            }
        }
        if (fatal != null) {
            // An Error (out of memory, stack overflow) means the invocation itself is broken: let it fail.
            throw fatal;
        }
    }

    public int maxConcurrentKeys() {
        return maxConcurrentKeys;
    }

    private void applyGroup(String key, List<InboundRecord<E>> group, ApplyContext context) {
        if (context.deadline().expired()) {
            return;
        }
        // All records of a group share its key: a failure left in an earlier run holds back the rest.
        FailureIsolation.run(group, context, record -> key,
                (records, ctx) -> partitionApplier.apply(key, records, ctx));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "key-applier-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
