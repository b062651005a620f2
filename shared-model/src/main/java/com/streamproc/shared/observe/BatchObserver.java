package com.streamproc.shared.observe;

/** Receives one {@link BatchSummary} per invocation (logs, metrics, tests). */
@FunctionalInterface
public interface BatchObserver {
    void batchCompleted(BatchSummary summary);
}
