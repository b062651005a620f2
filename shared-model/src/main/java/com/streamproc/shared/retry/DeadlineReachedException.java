package com.streamproc.shared.retry;

/** A call was not started (or was cut short) because the invocation's deadline had passed: transient. */
public final class DeadlineReachedException extends TransientFailureException {
    public DeadlineReachedException(String message) {
        super(message);
    }
}
