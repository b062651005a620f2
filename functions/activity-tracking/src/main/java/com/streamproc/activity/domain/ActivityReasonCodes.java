package com.streamproc.activity.domain;

import com.streamproc.shared.decode.ReasonCodes;

/** Reason codes of activity events that break the contract; quarantined, never counted. */
public final class ActivityReasonCodes {
    /** {@code eventId} is longer than allowed or contains control characters. */
    public static final String INVALID_EVENT_ID = "INVALID_EVENT_ID";
    /** {@code userId} is longer than allowed or contains control characters. */
    public static final String INVALID_USER_ID = "INVALID_USER_ID";
    /** {@code action} does not match {@code [a-z0-9_.-]{1,64}}. */
    public static final String INVALID_ACTION = "INVALID_ACTION";
    /**
     * {@code occurredAt} is not an ISO-8601 date-time with an offset, or its UTC year is outside 1970–9999
     * ({@link com.streamproc.shared.decode.EventTimeRange}).
     */
    public static final String INVALID_TIMESTAMP = "INVALID_TIMESTAMP";
    /** {@code occurredAt} lies more than the allowed skew in the future. */
    public static final String FUTURE_TIMESTAMP = "FUTURE_TIMESTAMP";
    /** {@code sessionId} is present but blank, too long or contains control characters. */
    public static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    /** {@code attributes} is not a flat object of at most 20 scalar values. */
    public static final String INVALID_ATTRIBUTES = "INVALID_ATTRIBUTES";
    /**
     * The record's Kinesis partition key is not the event's {@code userId}. Exactness relies on all events of a user
     * travelling through one shard (see the design doc), so such a record is never counted.
     */
    public static final String PARTITION_KEY_MISMATCH = ReasonCodes.PARTITION_KEY_MISMATCH;

    private ActivityReasonCodes() {
    }
}
