package com.streamproc.shared.decode;

/** Reason codes the shared decoder gives to records that never reach a function's domain logic. */
public final class ReasonCodes {
    /** The record's data is empty. */
    public static final String EMPTY_RECORD = "EMPTY_RECORD";
    /** The record's data is larger than the configured limit. */
    public static final String RECORD_TOO_LARGE = "RECORD_TOO_LARGE";
    /** The record's data is not valid UTF-8. */
    public static final String INVALID_UTF8 = "INVALID_UTF8";
    /** The record's data is not well-formed JSON (or is JSON nested deeper than allowed). */
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    /** Well-formed JSON that does not fit the event contract: a missing required field, a wrong type, not an object. */
    public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";
    /** A {@code schemaVersion} this function does not understand. */
    public static final String UNSUPPORTED_SCHEMA_VERSION = "UNSUPPORTED_SCHEMA_VERSION";
    /** A {@code type} this function does not know. */
    public static final String UNKNOWN_EVENT_TYPE = "UNKNOWN_EVENT_TYPE";
    /** The record's data could not be read from the Lambda event at all. */
    public static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";

    private ReasonCodes() {
    }
}
