package com.streamproc.activity.decode;

import com.streamproc.activity.domain.ActivityEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.decode.RequiredFields;

/**
 * An activity event as producers send it (schema version 1), before the contract's rules are checked; see
 * {@link ActivityContract} for those rules and {@link ActivityEvent} for the result.
 *
 * @param occurredAt kept as text so that a malformed timestamp gets its own reason code
 * @param attributes kept as a tree so that nesting can be detected and reported
 */
public record ActivityEventPayload(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String eventId,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String action,
        @JsonProperty(required = true) String occurredAt,
        String sessionId,
        JsonNode attributes) {

    public ActivityEventPayload {
        RequiredFields.require(eventId, "eventId");
        RequiredFields.require(userId, "userId");
        if (action == null) {
            // Blank is not "missing" here: an empty action breaks the action rule (INVALID_ACTION).
            throw new IllegalArgumentException("missing required field action");
        }
        RequiredFields.require(occurredAt, "occurredAt");
    }
}
