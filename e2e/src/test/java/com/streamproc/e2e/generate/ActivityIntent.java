package com.streamproc.e2e.generate;

import java.time.Instant;
import java.util.Objects;

/** What an activity-stream record is meant to be. */
public sealed interface ActivityIntent {

    /**
     * A contract-valid event.
     *
     * @param occurredAt as the function keeps it for first/last seen: to the millisecond
     */
    record Valid(String eventId, String userId, String action, Instant occurredAt) implements ActivityIntent {
        public Valid {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /** Quarantined with this reason code, never counted. */
    record Poison(String reason) implements ActivityIntent {
    }
}
