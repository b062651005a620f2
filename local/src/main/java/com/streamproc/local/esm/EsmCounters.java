package com.streamproc.local.esm;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one mapping, for progress lines and the final accounting. */
public final class EsmCounters implements EsmListener {
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong functionErrors = new AtomicLong();
    private final AtomicLong partialFailures = new AtomicLong();

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

    /** Records read but not yet checkpointed (buffered, in flight or being retried). */
    public long inFlight() {
        return read.get() - filtered.get() - succeeded.get() - discarded.get();
    }
}
