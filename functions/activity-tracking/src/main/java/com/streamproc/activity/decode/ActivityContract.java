package com.streamproc.activity.decode;

import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.activity.domain.ActivityTimes;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.decode.EventTimeRange;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The rules of the activity event contract (schema version 1) that the JSON shape alone does not express. Every
 * detail message names the field, never its value: details are stored and logged.
 *
 * <p>What the shape does express is checked by the shared decoder before: JSON types without coercion
 * ({@code schemaVersion} a JSON integer, ids, {@code action} and {@code occurredAt} strings), no field name twice,
 * no unpaired surrogate in any string (so two ids that differ only in one can never become one DynamoDB key).
 */
public final class ActivityContract {
    public static final int SCHEMA_VERSION = 1;
    /** Ids go into DynamoDB keys (at most 2048 bytes); this keeps them far below that. */
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_ATTRIBUTES = 20;
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 64;
    /** Clocks of producers run a little fast; anything later than this is a broken clock, not a late event. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    /** @param clock the clock against which {@link #MAX_FUTURE_SKEW} is measured */
    public ActivityContract(Clock clock) {
        this.clock = clock;
    }

    /** @throws PoisonRecordException with a reason code of {@link ActivityReasonCodes} or {@link ReasonCodes} */
    public ActivityEvent check(ActivityEventPayload payload) throws PoisonRecordException {
        if (payload.schemaVersion() != SCHEMA_VERSION) {
            throw new PoisonRecordException(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion must be " + SCHEMA_VERSION);
        }
        requireId(payload.eventId(), "eventId", ActivityReasonCodes.INVALID_EVENT_ID);
        requireId(payload.userId(), "userId", ActivityReasonCodes.INVALID_USER_ID);
        if (!isAction(payload.action())) {
            throw new PoisonRecordException(ActivityReasonCodes.INVALID_ACTION,
                    "action must match [a-z0-9_.-]{1,64}");
        }
        Instant occurredAt = occurredAt(payload.occurredAt());
        if (payload.sessionId() != null) {
            requireId(payload.sessionId(), "sessionId", ActivityReasonCodes.INVALID_SESSION_ID);
        }
        checkAttributes(payload.attributes());
        return new ActivityEvent(payload.eventId(), payload.userId(), payload.action(), occurredAt,
                payload.sessionId());
    }

    private Instant occurredAt(String text) throws PoisonRecordException {
        Instant occurredAt;
        try {
            occurredAt = ActivityTimes.parseOffsetDateTime(text);
        } catch (DateTimeException e) {
            // Any date-time with an offset has an instant, even at year 999999999; only the text can be wrong.
            throw new PoisonRecordException(ActivityReasonCodes.INVALID_TIMESTAMP,
                    "occurredAt must be an ISO-8601 date-time with offset");
        }
        // Checked before the future: a year beyond 9999 is not a clock running fast. Days and hours of times
        // outside the range cannot be written as keys.
        if (!EventTimeRange.contains(occurredAt)) {
            throw new PoisonRecordException(ActivityReasonCodes.INVALID_TIMESTAMP,
                    "occurredAt must lie in the UTC years " + EventTimeRange.describe());
        }
        if (occurredAt.isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
            throw new PoisonRecordException(ActivityReasonCodes.FUTURE_TIMESTAMP,
                    "occurredAt is more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes in the future");
        }
        return occurredAt;
    }

    private static void requireId(String value, String field, String reason) throws PoisonRecordException {
        if (value.isBlank() || value.length() > MAX_ID_LENGTH || hasControlCharacter(value)) {
            throw new PoisonRecordException(reason,
                    field + " must be 1-" + MAX_ID_LENGTH + " characters without control characters");
        }
    }

    private static void checkAttributes(JsonNode attributes) throws PoisonRecordException {
        if (attributes == null || attributes.isNull()) {
            return;
        }
        if (!attributes.isObject()) {
            throw new PoisonRecordException(ActivityReasonCodes.INVALID_ATTRIBUTES, "attributes must be an object");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new PoisonRecordException(ActivityReasonCodes.INVALID_ATTRIBUTES,
                    "attributes has more than " + MAX_ATTRIBUTES + " entries");
        }
        for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
            String name = entry.getKey();
            if (name.isBlank() || name.length() > MAX_ATTRIBUTE_NAME_LENGTH || hasControlCharacter(name)) {
                throw new PoisonRecordException(ActivityReasonCodes.INVALID_ATTRIBUTES,
                        "attribute names must be 1-" + MAX_ATTRIBUTE_NAME_LENGTH + " characters");
            }
            if (entry.getValue().isContainerNode()) {
                // Not even the name goes into the detail: attribute names are producer-chosen free text.
                throw new PoisonRecordException(ActivityReasonCodes.INVALID_ATTRIBUTES,
                        "attribute values must be scalars (string, number, boolean or null)");
            }
        }
    }

    /** {@code [a-z0-9_.-]{1,64}}, as a loop: every record is checked on the batch's critical path. */
    static boolean isAction(String value) {
        int length = value.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
