package com.streamproc.local.esm;

/** Why records were discarded to the on-failure destination ({@code requestContext.condition}). */
public enum FailureCondition {
    /** The batch failed {@code MaximumRetryAttempts} retries. */
    RetryAttemptsExhausted,
    /** The records were older than {@code MaximumRecordAgeInSeconds} before they could be (re)sent. */
    RecordAgeExceeded
}
