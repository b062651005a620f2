package com.streamproc.shared.batch;

import com.streamproc.shared.decode.PoisonRecordException;

/** What became of one record in a batch. A record with no outcome was not attempted and is not applied. */
public sealed interface RecordOutcome {
    /** Durably applied: its effect is stored, and a replay of it changes nothing. */
    record Applied() implements RecordOutcome {
    }

    /** Can never be applied; goes to the quarantine. */
    record Poisoned(PoisonRecordException reason) implements RecordOutcome {
    }

    /**
     * Not applied because of a failure a replay may not meet: transient (throttling, 5xx, timeout, the deadline) or
     * a broken environment (see {@link com.streamproc.shared.retry.FailureKind}). Deterministic failures never end
     * here: {@link ApplyContext#failed} makes such a record {@link Poisoned}.
     */
    record Failed(Throwable cause) implements RecordOutcome {
        /** The cause as the log names it. */
        public com.streamproc.shared.retry.FailureCause describe() {
            return com.streamproc.shared.retry.FailureCause.of(cause);
        }
    }

    /** Failed beats Poisoned beats Applied: when in doubt, the record is replayed. */
    static RecordOutcome strongest(RecordOutcome a, RecordOutcome b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(RecordOutcome outcome) {
        if (outcome instanceof Failed) {
            return 2;
        }
        return outcome instanceof Poisoned ? 1 : 0;
    }
}
