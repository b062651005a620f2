package com.streamproc.shared.retry;

/**
 * Which failures are worth retrying within an invocation: the {@link FailureKind#TRANSIENT} ones of
 * {@link FailureCause}. Never validation errors, conditional-check failures, configuration errors or anything else
 * a retry cannot change.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** @return true if the same call may succeed when tried again a little later */
    public static boolean isTransient(Throwable failure) {
        return FailureCause.isTransient(failure);
    }
}
