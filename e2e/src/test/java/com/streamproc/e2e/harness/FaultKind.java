package com.streamproc.e2e.harness;

/** The failures injected, as Lambda and DynamoDB really produce them. */
public enum FaultKind {
    /** A DynamoDB request refused with ProvisionedThroughputExceededException before it was sent. */
    THROTTLED,
    /** A DynamoDB request answered with a 500 InternalServerError before it was sent. */
    SERVER_ERROR,
    /** A write DynamoDB applied whose response was lost (a read timeout or a 500 after the fact). */
    RESPONSE_LOST_AFTER_WRITE,
    /** Part of a BatchWriteItem not written and returned as UnprocessedItems. */
    UNPROCESSED_ITEMS,
    /** An invocation in which a run of consecutive requests is throttled: long enough to exhaust its retries. */
    THROTTLING_STORM,
    /** The function process died after some of its writes: Lambda sees a function error (Runtime.ExitError). */
    CRASHED_MID_BATCH,
    /** An invocation given little remaining time, with slow requests: the deadline rule ends it early. */
    DEADLINE_PRESSURE,
    /** An invocation that hung past its timeout and was abandoned: Lambda sees Sandbox.Timedout. */
    TIMED_OUT,
    /** A batch that had succeeded, delivered again whole (a lost checkpoint). */
    REDELIVERED,
    /**
     * An invocation of records held back by a {@link GiveUpOutage}: it timed out without reaching DynamoDB. Lasts until
     * the mapping gives up on them, or, for a mapping that never gives up, until the outage is over.
     */
    GIVE_UP_OUTAGE,
    /**
     * Not injected as such: an invocation under {@link #DEADLINE_PRESSURE} that ran past its timeout, because the
     * requests in flight when its deadline passed took longer than the deadline margin (the emulators are slow on a
     * busy machine). Lambda times it out all the same, so it is handled like {@link #TIMED_OUT}.
     */
    OVERRAN_TIMEOUT
}
