package com.streamproc.shared.retry;

/**
 * The three kinds of failure a record can meet while it is being applied; {@link FailureCause#of} tells which.
 *
 * <p>Only the first two stop a key: the record is reported to Lambda and replayed. A deterministic failure would
 * meet the replay again, so it makes the record it concerns poison instead of blocking the shard.
 */
public enum FailureKind {
    /**
     * A later attempt may succeed: throttling, 5xx, timeouts, connection errors, unprocessed items or keys, the
     * invocation's deadline. Retried within the invocation, then reported.
     */
    TRANSIENT,
    /**
     * The function's own environment is broken, whatever the record: a missing table, denied access, invalid
     * credentials, a disabled KMS key. Not retried within the invocation; reported, so the shard waits for the
     * operator instead of quarantining the whole stream.
     */
    CONFIGURATION,
    /**
     * Anything else: a domain exception, a DynamoDB validation error (a key or item the service refuses, an item
     * over 400 KB), an SDK marshalling error. The record it concerns becomes poison ({@code PROCESSING_ERROR}).
     */
    DETERMINISTIC;

    /** @return true when the record must wait for a replay rather than be quarantined */
    public boolean stopsKey() {
        return this != DETERMINISTIC;
    }
}
