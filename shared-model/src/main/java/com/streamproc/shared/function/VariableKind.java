package com.streamproc.shared.function;

/** How a function reads one of its environment variables, so it can be checked before anything is built. */
public enum VariableKind {
    /** Must be set and not blank (a table name). */
    REQUIRED,
    /** Optional; when set, a positive integer. */
    POSITIVE_INT,
    /** Optional; when set, a non-negative integer. */
    NON_NEGATIVE_INT,
    /** Optional; when set, an absolute http(s) URL. */
    ENDPOINT_URL
}
