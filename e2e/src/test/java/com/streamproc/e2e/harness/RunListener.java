package com.streamproc.e2e.harness;

import com.streamproc.local.esm.BatchResponse;
import com.streamproc.local.esm.DiscardedBatch;
import com.streamproc.local.esm.EsmCounters;
import com.streamproc.local.esm.EsmListener;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import java.util.concurrent.atomic.AtomicLong;

/** The mapping's own counters, plus how many records went out in all (replays and halves included). */
public final class RunListener implements EsmListener {
    private final EsmCounters counters = new EsmCounters();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong singleRecordBatches = new AtomicLong();

    @Override
    public void recordsRead(String shardId, int count) {
        counters.recordsRead(shardId, count);
    }

    @Override
    public void recordsFiltered(String shardId, int count) {
        counters.recordsFiltered(shardId, count);
    }

    @Override
    public void invoked(KinesisBatch batch, InvocationOutcome outcome, BatchResponse response) {
        counters.invoked(batch, outcome, response);
        recordsSent.addAndGet(batch.size());
        if (batch.size() == 1) {
            singleRecordBatches.incrementAndGet();
        }
    }

    @Override
    public void recordsSucceeded(String shardId, int count) {
        counters.recordsSucceeded(shardId, count);
    }

    @Override
    public void recordsDiscarded(DiscardedBatch discarded) {
        counters.recordsDiscarded(discarded);
    }

    public EsmCounters counters() {
        return counters;
    }

    /** Records sent to the function over all invocations of the mapping. */
    public long recordsSent() {
        return recordsSent.get();
    }

    /** Invocations with a single record: mostly the end of a bisection. */
    public long singleRecordBatches() {
        return singleRecordBatches.get();
    }
}
