package com.streamproc.shared.retry;

/** A failure that a later attempt may not see, raised by code that is not an AWS SDK call (a fault injector, say). */
public class TransientFailureException extends RuntimeException {
    public TransientFailureException(String message) {
        super(message);
    }

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
