package com.streamproc.activity.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A contract-valid activity event, as the aggregates see it. Attributes are checked against the contract but not
 * aggregated, so they are not carried further.
 *
 * @param eventId    the producer's unique id of the event; a second event with the same id is a duplicate
 * @param userId     the acting user, also the record's partition key
 * @param action     what the user did, {@code [a-z0-9_.-]{1,64}}
 * @param occurredAt when it happened; decides the UTC day and hour it counts in, however late it arrives
 * @param sessionId  the producer's session id, or null
 */
public record ActivityEvent(String eventId, String userId, String action, Instant occurredAt, String sessionId) {
    public ActivityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
