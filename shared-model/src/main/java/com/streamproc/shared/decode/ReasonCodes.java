package com.streamproc.shared.decode;

/** Reason codes the shared core gives: to records that never reach a function's domain logic, and to failures. */
public final class ReasonCodes {
    /** The record's data is empty. */
    public static final String EMPTY_RECORD = "EMPTY_RECORD";
    /** The record's data is larger than the configured limit. */
    public static final String RECORD_TOO_LARGE = "RECORD_TOO_LARGE";
    /** The record's data is not valid UTF-8. */
    public static final String INVALID_UTF8 = "INVALID_UTF8";
    /**
     * The record's data is not well-formed JSON, is nested deeper or holds a longer number than allowed, or has an
     * object with the same field name twice.
     */
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    /**
     * A string or field name anywhere in the record holds an unpaired UTF-16 surrogate (a <code>&#92;uD800</code>-style
     * escape without its partner). Such a string is not Unicode text: it has no UTF-8 form, and the AWS SDK would
     * send it to DynamoDB with {@code ?} in place of the surrogate, so two different ids could become one key.
     */
    public static final String INVALID_UNICODE = "INVALID_UNICODE";
    /**
     * Well-formed JSON that does not fit the event contract: a missing required field, a field of the wrong JSON type
     * (scalars are never coerced: {@code "1"} is not a number, {@code 1.0} not an integer), a number out of range for
     * its field, not an object.
     */
    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    /** A {@code schemaVersion} this function does not understand. */
    public static final String UNSUPPORTED_SCHEMA_VERSION = "UNSUPPORTED_SCHEMA_VERSION";
    /** A {@code type} this function does not know. */
    public static final String UNKNOWN_EVENT_TYPE = "UNKNOWN_EVENT_TYPE";
    /**
     * Applying the record met a deterministic failure (a domain exception, a request DynamoDB refuses): it would
     * meet it on every replay. The detail names the exception class, AWS error code, operation and table.
     */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";
    /** The record's partition key is not the one its event's contract requires (it could race on another shard). */
    public static final String PARTITION_KEY_MISMATCH = "PARTITION_KEY_MISMATCH";
    /**
     * The record starts with the KPL aggregation format's magic bytes, but its MD5 does not match or its protobuf is
     * malformed (or holds no user records): it is quarantined whole, as it arrived.
     */
    public static final String INVALID_AGGREGATE = "INVALID_AGGREGATE";
    /** The record's data could not be read from the Lambda event at all. */
    public static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";

    private ReasonCodes() {
    }
}
