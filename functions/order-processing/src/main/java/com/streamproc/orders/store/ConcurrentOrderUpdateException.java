package com.streamproc.orders.store;

/** The stored order was not at the version a write expected: another writer changed it in between. */
public class ConcurrentOrderUpdateException extends RuntimeException {
    public ConcurrentOrderUpdateException(String message) {
        super(message);
    }

    public ConcurrentOrderUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
