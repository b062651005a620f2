package com.streamproc.local.esm;

/** Observes an event source mapping at work (progress lines, logs, tests). Callbacks may come from many threads. */
public interface EsmListener {
    default void recordsRead(String shardId, int count) {
    }

    /** Records dropped by the filter criteria: Lambda counts them as processed and never sends them. */
    default void recordsFiltered(String shardId, int count) {
    }

    default void invoked(KinesisBatch batch, InvocationOutcome outcome, BatchResponse response) {
    }

    /** Records checkpointed as processed by the function. */
    default void recordsSucceeded(String shardId, int count) {
    }

    default void recordsDiscarded(DiscardedBatch discarded) {
    }

    EsmListener NONE = new EsmListener() {
    };
}
