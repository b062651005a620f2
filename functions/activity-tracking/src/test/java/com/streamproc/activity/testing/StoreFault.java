package com.streamproc.activity.testing;

/** What an injected fault does to one request of the in-memory store. */
public enum StoreFault {
    /** The request succeeds. */
    NONE,
    /** The request fails before reaching the table (a throttle or 5xx: transient). */
    FAIL,
    /** The request is applied, but its response is lost (a timeout after the write: transient). */
    LOST_RESPONSE,
    /** A batch request processes every other item; the rest come back unprocessed. */
    PARTIAL,
    /** The invocation's deadline passes while the request is in flight; the request itself succeeds. */
    DEADLINE
}
