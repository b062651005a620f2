package com.streamproc.shared.batch;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.TransientRetry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an applier works with during one batch: the deadline, the retry for transient failures, and the ledger in
 * which it records each record's {@link RecordOutcome}. Thread-safe.
 *
 * <p>An applier marks a record {@link #applied} only once its effect is durably stored. A record it never marks
 * counts as not applied: it is reported to Lambda and replayed.
 *
 * <p>{@link #failed} applies the failure model ({@link FailureCause}): a transient or configuration failure leaves
 * the record to be reported and replayed; a deterministic one makes it poison ({@link ReasonCodes#PROCESSING_ERROR}),
 * because every replay would meet it again. So mark a record failed only with a failure that concerns that record
 * alone; when one write covers several records and fails deterministically, throw instead, and the core finds the
 * record that causes it.
 */
public final class ApplyContext {
    private final Deadline deadline;
    private final TransientRetry retry;
    private final Map<RecordRef, RecordOutcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, RecordRef> firstDelivered = new ConcurrentHashMap<>();
    private static final RecordOutcome APPLIED = new RecordOutcome.Applied();

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

    /**
     * The earliest record of {@code shardId} that Lambda delivered in this invocation (poison included), or
     * {@code null} when the core did not say (an applier called directly). Every record of that shard below it was
     * checkpointed by Lambda: it is never delivered again by the event source.
     */
    public RecordRef firstDelivered(String shardId) {
        return firstDelivered.get(shardId);
    }

    /** Notes a record Lambda delivered in this invocation (the core calls it for every record of the batch). */
    public void delivered(RecordRef ref) {
        firstDelivered.merge(ref.shardId(), ref, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** The record's effect is durably stored (or it was already, as a duplicate or replay). */
    public void applied(RecordRef ref) {
        record(ref, APPLIED);
    }

    /** The record can never be applied; it will be quarantined with this reason. */
    public void poison(RecordRef ref, PoisonRecordException reason) {
        record(ref, new RecordOutcome.Poisoned(reason));
    }

    /**
     * The record was not applied because of {@code cause}: reported and replayed when the cause is transient or
     * a configuration error, quarantined as {@link ReasonCodes#PROCESSING_ERROR} when it is deterministic.
     */
    public void failed(RecordRef ref, Throwable cause) {
        FailureCause described = FailureCause.of(cause);
        if (described.kind().stopsKey()) {
            record(ref, new RecordOutcome.Failed(cause));
        } else {
            poison(ref, processingError(described));
        }
    }

    /** The poison reason for a record whose processing met a deterministic failure. */
    static PoisonRecordException processingError(FailureCause cause) {
        return new PoisonRecordException(ReasonCodes.PROCESSING_ERROR,
                "processing failed deterministically: " + cause.describe());
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
