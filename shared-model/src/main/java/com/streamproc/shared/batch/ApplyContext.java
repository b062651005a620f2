package com.streamproc.shared.batch;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.retry.TransientRetry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an applier works with during one batch: the deadline, the retry for transient failures, and the ledger in
 * which it records each record's {@link RecordOutcome}. Thread-safe.
 *
 * <p>An applier marks a record {@link #applied} only once its effect is durably stored. A record it never marks
 * counts as not applied: it is reported to Lambda and replayed.
 */
public final class ApplyContext {
    private final Deadline deadline;
    private final TransientRetry retry;
    private final Map<RecordRef, RecordOutcome> outcomes = new ConcurrentHashMap<>();

    public ApplyContext(Deadline deadline, TransientRetry retry) {
        this.deadline = deadline;
        this.retry = retry;
    }

    public Deadline deadline() {
        return deadline;
    }

    public TransientRetry retry() {
        return retry;
    }

    /** The record's effect is durably stored (or it was already, as a duplicate or replay). */
    public void applied(RecordRef ref) {
        record(ref, new RecordOutcome.Applied());
    }

    /** The record can never be applied; it will be quarantined with this reason. */
    public void poison(RecordRef ref, PoisonRecordException reason) {
        record(ref, new RecordOutcome.Poisoned(reason));
    }

    /** The record was not applied because of {@code cause}; it will be reported and replayed. */
    public void failed(RecordRef ref, Throwable cause) {
        record(ref, new RecordOutcome.Failed(cause));
    }

    /** @return the record's outcome so far, or {@code null} if it has none */
    public RecordOutcome outcomeOf(RecordRef ref) {
        return outcomes.get(ref);
    }

    Map<RecordRef, RecordOutcome> outcomes() {
        return outcomes;
    }

    private void record(RecordRef ref, RecordOutcome outcome) {
        outcomes.merge(ref, outcome, RecordOutcome::strongest);
    }
}
