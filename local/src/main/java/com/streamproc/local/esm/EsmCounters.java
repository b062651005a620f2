package com.streamproc.local.esm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of one mapping, for progress lines and the final accounting.
 *
 * <p>Retries: a function that reports a batch item failure never throws, so {@link #functionErrors()} and
 * {@link #discarded()} stay at zero while a shard is stuck; {@link #retriedBatches()},
 * {@link #recordsInRetriedBatches()} and {@link #consecutiveRetries()} show it.
 */
public final class EsmCounters implements EsmListener {
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong functionErrors = new AtomicLong();
    private final AtomicLong partialFailures = new AtomicLong();
    private final AtomicLong retriedBatches = new AtomicLong();
    private final AtomicLong retriedRecords = new AtomicLong();
    /** Per batch being retried now (shard and first sequence number): how many times its records were re-sent. */
    private final Map<String, Integer> retrying = new ConcurrentHashMap<>();

    @Override
    public void recordsRead(String shardId, int count) {
        read.addAndGet(count);
    }

    @Override
    public void recordsFiltered(String shardId, int count) {
        filtered.addAndGet(count);
    }

    @Override
    public void invoked(KinesisBatch batch, InvocationOutcome outcome, BatchResponse response) {
        invocations.incrementAndGet();
        if (outcome instanceof InvocationOutcome.FunctionError) {
            functionErrors.incrementAndGet();
        } else if (!(response instanceof BatchResponse.AllSucceeded)) {
            partialFailures.incrementAndGet();
        }
    }

    @Override
    public void recordsSucceeded(String shardId, int count) {
        succeeded.addAndGet(count);
    }

    @Override
    public void recordsDiscarded(DiscardedBatch batch) {
        discarded.addAndGet(batch.batchSize());
    }

    @Override
    public void retrying(BatchRetry retry) {
        retriedBatches.incrementAndGet();
        retriedRecords.addAndGet(retry.records());
        retrying.put(retry.shardId() + " " + retry.batchStart(), retry.attempt() - 1);
    }

    @Override
    public void retriesEnded(String shardId, String batchStart) {
        retrying.remove(shardId + " " + batchStart);
    }

    public long read() {
        return read.get();
    }

    public long filtered() {
        return filtered.get();
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long discarded() {
        return discarded.get();
    }

    public long invocations() {
        return invocations.get();
    }

    public long functionErrors() {
        return functionErrors.get();
    }

    public long partialFailures() {
        return partialFailures.get();
    }

    /** Re-deliveries of records after a failed invocation (a reported item failure or a function error). */
    public long retriedBatches() {
        return retriedBatches.get();
    }

    /** Records sent in those re-deliveries (a record re-sent three times counts three times). */
    public long recordsInRetriedBatches() {
        return retriedRecords.get();
    }

    /** Re-deliveries in a row of the most stuck batch being retried now; 0 when nothing is being retried. */
    public int consecutiveRetries() {
        return retrying.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Records read but not yet checkpointed (buffered, in flight or being retried). */
    public long inFlight() {
        return read.get() - filtered.get() - succeeded.get() - discarded.get();
    }
}
