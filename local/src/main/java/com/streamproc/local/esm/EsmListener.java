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

    /** Records are about to be sent to the function again because their previous invocation failed. */
    default void retrying(BatchRetry retry) {
    }

    /**
     * The batch that started at {@code batchStart}, and was retried at least once, is done: every record of it is
     * checkpointed or discarded (or the mapping stopped).
     */
    default void retriesEnded(String shardId, String batchStart) {
    }

    EsmListener NONE = new EsmListener() {
    };

    /** One listener that passes every callback on to each of {@code listeners}, in order. */
    static EsmListener all(EsmListener... listeners) {
        java.util.List<EsmListener> all = java.util.List.of(listeners);
        return new EsmListener() {
            @Override
            public void recordsRead(String shardId, int count) {
                all.forEach(l -> l.recordsRead(shardId, count));
            }

            @Override
            public void recordsFiltered(String shardId, int count) {
                all.forEach(l -> l.recordsFiltered(shardId, count));
            }

            @Override
            public void invoked(KinesisBatch batch, InvocationOutcome outcome, BatchResponse response) {
                all.forEach(l -> l.invoked(batch, outcome, response));
            }

            @Override
            public void recordsSucceeded(String shardId, int count) {
                all.forEach(l -> l.recordsSucceeded(shardId, count));
            }

            @Override
            public void recordsDiscarded(DiscardedBatch discarded) {
                all.forEach(l -> l.recordsDiscarded(discarded));
            }

            @Override
            public void retrying(BatchRetry retry) {
                all.forEach(l -> l.retrying(retry));
            }

            @Override
            public void retriesEnded(String shardId, String batchStart) {
                all.forEach(l -> l.retriesEnded(shardId, batchStart));
            }
        };
    }
}
