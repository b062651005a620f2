package com.streamproc.shared.retry;

/**
 * Which SDK call failed: attached as a suppressed exception to a failure by the client's interceptor, so that the
 * log can name the operation and table of a stuck record without the failure's message (which may quote values).
 */
public final class SdkCallSite extends RuntimeException {
    private final String operation;
    private final String table;

    public SdkCallSite(String operation, String table) {
        super(operation + (table == null ? "" : " " + table), null, false, false);
        this.operation = operation;
        this.table = table;
    }

    /** The SDK operation, such as {@code PutItem}. */
    public String operation() {
        return operation;
    }

    /** The table (or tables, comma-separated) the request named, or {@code null}. */
    public String table() {
        return table;
    }
}
