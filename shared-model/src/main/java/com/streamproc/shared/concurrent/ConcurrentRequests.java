package com.streamproc.shared.concurrent;

import com.streamproc.shared.retry.FailureCause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent DynamoDB requests (different items, the chunks of one read or write) with bounded concurrency,
 * so that a batch's requests take a few round trips instead of one each. The threads are created once per
 * execution environment, when first needed, and end after a minute without work.
 *
 * <p>Why not a fixed pool with a queue: a queue wakes its idle threads one after another (each woken thread wakes
 * the next), so on a busy CPU the last of 30 requests left milliseconds after the first. Here each task is handed
 * to an idle thread directly, and the caller's thread works too: {@link #map} starts at most
 * {@code maxConcurrent - 1} helpers, which take inputs from a shared counter until none is left. When every thread
 * is busy (a map inside a task of another), the caller does the work itself.
 */
public final class ConcurrentRequests implements ParallelMap {
    private final int maxConcurrent;
    private final ThreadPoolExecutor executor;

    private ConcurrentRequests(int maxConcurrent, String threadName) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.executor = maxConcurrent == 1 ? null : new ThreadPoolExecutor(0, maxConcurrent - 1, 60,
                TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(threadName),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** At most {@code maxConcurrent} requests at once; 1 runs every task on the caller's thread. */
    public static ConcurrentRequests upTo(int maxConcurrent) {
        return new ConcurrentRequests(maxConcurrent, "dynamodb-requests-");
    }

    /** The same, with threads named {@code threadName} and a number (for thread dumps). */
    public static ConcurrentRequests upTo(int maxConcurrent, String threadName) {
        return new ConcurrentRequests(maxConcurrent, threadName + "-");
    }

    /**
     * Applies {@code task} to every input, results in input order. A task that throws a transient or configuration
     * failure yields {@code onFailure}'s result for its input (its records wait for the replay). A deterministic
     * failure is thrown once every task has finished, so that the core's failure model finds the record that
     * causes it ({@link FailureCause}). An {@link Error} in any task starts no further task and is thrown once the
     * tasks already running have finished: this call never returns while one of its requests is in flight.
     */
    @Override
    public <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure) {
        return map(inputs, task, onFailure, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every task goes to a helper thread while the caller runs {@code meanwhile}; the caller then takes the tasks
     * no helper took (when fewer helpers than tasks were free). If {@code meanwhile} throws, no further task starts
     * and the exception is thrown once the tasks already running have finished, as for an {@code Error} in a task.
     */
    @Override
    public <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure, Runnable meanwhile) {
        int n = inputs.size();
        AtomicReference<RuntimeException> deterministic = new AtomicReference<>();
        List<O> results = new ArrayList<>(n);
        if (executor == null || n == 0 || n == 1 && meanwhile == null) {
            if (meanwhile != null) {
                meanwhile.run();
            }
            for (I input : inputs) {
                results.add(safely(task, onFailure, input, deterministic));
            }
        } else {
            Object[] done = new Object[n];
            AtomicInteger next = new AtomicInteger();
            CountDownLatch finished = new CountDownLatch(n);
            AtomicReference<Error> error = new AtomicReference<>();
            // After an Error (the process is going down) or a failure of the caller's own work, no request starts.
            AtomicBoolean stopped = new AtomicBoolean();
            Runnable worker = () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        if (!stopped.get()) {
                            done[i] = new Done<>(safely(task, onFailure, inputs.get(i), deterministic));
                        }
                    } catch (Error e) {
                        error.compareAndSet(null, e);
                        stopped.set(true);
                    } finally {
                        finished.countDown();
                    }
                }
            };
            // Helpers that start after the inputs ran out find nothing to do; nobody waits for them. With work of its
            // own the caller leaves every task it can to a helper.
            int helpers = meanwhile == null ? Math.min(n, maxConcurrent) - 1 : Math.min(n, maxConcurrent - 1);
            for (int h = helpers; h > 0 && next.get() < n; h--) {
                executor.execute(worker);
            }
            Throwable meanwhileFailed = null;
            if (meanwhile != null) {
                try {
                    meanwhile.run();
                } catch (RuntimeException | Error e) {
                    meanwhileFailed = e;
                    stopped.set(true);
                }
            }
            worker.run();
            // Even when a task ended in an Error, no request outlives this call: Lambda freezes the sandbox once the
            // handler returns and thaws it for the next invocation, where a helper's late write would land after
            // that invocation's reads (an unconditional put would set its item back).
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (meanwhileFailed instanceof Error e) {
                throw e;
            }
            if (meanwhileFailed != null) {
                throw (RuntimeException) meanwhileFailed;
            }
            if (error.get() != null) {
                throw error.get();
            }
            for (int i = 0; i < n; i++) {
                // Every task finished without an Error here, so each has its result.
                @SuppressWarnings("unchecked")
                Done<O> result = (Done<O>) done[i];
                results.add(result != null ? result.value() : onFailure.apply(inputs.get(i)));
            }
        }
        if (deterministic.get() != null) {
            throw deterministic.get();
        }
        return results;
    }

    /** A task's result, which may be null. */
    private record Done<O>(O value) {
    }

    /**
     * Starts {@code task} on another thread, to run while the caller does other work (an independent phase of the
     * batch); the future holds its result or what it threw. With a concurrency of 1 the task runs now, on the
     * caller's thread.
     */
    public <T> CompletableFuture<T> alongside(Supplier<T> task) {
        if (executor == null) {
            try {
                return CompletableFuture.completedFuture(task.get());
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(task, executor);
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

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
