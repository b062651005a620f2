package com.streamproc.activity.aggregate;

import com.streamproc.activity.store.ParallelMap;
import com.streamproc.shared.retry.FailureCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs independent DynamoDB requests (different items) with bounded concurrency, so that a batch's writes take
 * a few round trips instead of a hundred. The threads are created once per execution environment and end after a
 * minute without work.
 */
public final class ConcurrentRequests implements ParallelMap {
    private final ExecutorService executor;

    private ConcurrentRequests(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        if (maxConcurrent == 1) {
            this.executor = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads());
            pool.allowCoreThreadTimeOut(true);
            this.executor = pool;
        }
    }

    public static ConcurrentRequests upTo(int maxConcurrent) {
        return new ConcurrentRequests(maxConcurrent);
    }

    /**
     * Applies {@code task} to every input, results in input order. A task that throws a transient or configuration
     * failure yields {@code onFailure}'s result for its input (its records wait for the replay). A deterministic
     * failure is thrown once every task has finished, so that the core's failure model finds the record that
     * causes it ({@link FailureCause}).
     */
    @Override
    public <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure) {
        List<O> results = new ArrayList<>(inputs.size());
        AtomicReference<RuntimeException> deterministic = new AtomicReference<>();
        if (executor == null || inputs.size() <= 1) {
            for (I input : inputs) {
                results.add(safely(task, onFailure, input, deterministic));
            }
        } else {
            List<Future<O>> running = new ArrayList<>(inputs.size());
            for (I input : inputs) {
                running.add(executor.submit(() -> safely(task, onFailure, input, deterministic)));
            }
            for (int i = 0; i < running.size(); i++) {
                try {
                    results.add(running.get(i).get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(onFailure.apply(inputs.get(i)));
                } catch (ExecutionException e) {
                    results.add(onFailure.apply(inputs.get(i)));
                }
            }
        }
        if (deterministic.get() != null) {
            throw deterministic.get();
        }
        return results;
    }

    /** {@code items} in consecutive slices of at most {@code size}. */
    public static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>((items.size() + size - 1) / size);
        for (int start = 0; start < items.size(); start += size) {
            slices.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return slices;
    }

    private static <I, O> O safely(Function<I, O> task, Function<I, O> onFailure, I input,
                                   AtomicReference<RuntimeException> deterministic) {
        try {
            return task.apply(input);
        } catch (RuntimeException e) {
            if (FailureCause.isDeterministic(e)) {
                deterministic.compareAndSet(null, e);
            }
            return onFailure.apply(input);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "activity-writes-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
