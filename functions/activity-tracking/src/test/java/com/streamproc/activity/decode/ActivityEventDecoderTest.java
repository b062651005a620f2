package com.streamproc.activity.decode;

import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.activity.domain.ActivityEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityEventDecoderTest {
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private final ActivityEventDecoder decoder = new ActivityEventDecoder(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String event(String occurredAt, String action, String attributes) {
        return """
                {"schemaVersion":1,"eventId":"e-1","userId":"u-1","action":"%s","occurredAt":"%s",
                 "sessionId":"s-1","attributes":%s}""".formatted(action, occurredAt, attributes);
    }

    private ActivityEvent decode(String json) throws PoisonRecordException {
        return decoder.decode(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String reasonOf(String json) {
        try {
            decode(json);
            throw new AssertionError("expected a poison record");
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }

    @Test
    void validEventDecodesWithItsInstant() throws PoisonRecordException {
        ActivityEvent event = decode(event("2026-11-28T07:30:00+02:00", "page.view", "{\"a\":1,\"b\":\"x\"}"));

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.userId()).isEqualTo("u-1");
        assertThat(event.action()).isEqualTo("page.view");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-28T05:30:00Z"));
        assertThat(event.sessionId()).isEqualTo("s-1");
    }

    @Test
    void sessionAndAttributesAreOptional() throws PoisonRecordException {
        ActivityEvent event = decode("""
                {"schemaVersion":1,"eventId":"e-1","userId":"u-1","action":"login","occurredAt":"2026-11-28T05:00:00Z"}""");

        assertThat(event.sessionId()).isNull();
    }

    @Test
    void lateEventIsValid() throws PoisonRecordException {
        assertThat(decode(event("2026-10-01T00:00:00Z", "login", "{}")).occurredAt())
                .isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void eventUpToFiveMinutesAheadIsValidAndLaterIsFutureTimestamp() throws PoisonRecordException {
        assertThat(decode(event("2026-11-28T06:05:00Z", "login", "{}")).occurredAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(reasonOf(event("2026-11-28T06:05:00.001Z", "login", "{}")))
                .isEqualTo(ActivityReasonCodes.FUTURE_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T05:00:00", "2026-11-28", "yesterday", "2026-13-28T05:00:00Z"})
    void timestampWithoutOffsetOrMalformedIsInvalidTimestamp(String occurredAt) {
        assertThat(reasonOf(event(occurredAt, "login", "{}"))).isEqualTo(ActivityReasonCodes.INVALID_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Page.View", "page view", "", "a#b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void actionOutsideAlphabetOrLengthIsInvalidAction(String action) {
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", action, "{}"))).isEqualTo(ActivityReasonCodes.INVALID_ACTION);
    }

    @Test
    void nestedAttributeIsInvalidAttributes() {
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", "login", "{\"a\":{\"b\":1}}")))
                .isEqualTo(ActivityReasonCodes.INVALID_ATTRIBUTES);
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", "login", "{\"a\":[1]}")))
                .isEqualTo(ActivityReasonCodes.INVALID_ATTRIBUTES);
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", "login", "[1,2]")))
                .isEqualTo(ActivityReasonCodes.INVALID_ATTRIBUTES);
    }

    @Test
    void twentyAttributesAreValidAndTwentyOneAreTooMany() throws PoisonRecordException {
        String twenty = IntStream.range(0, 20).mapToObj(i -> "\"k" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));
        String twentyOne = IntStream.range(0, 21).mapToObj(i -> "\"k" + i + "\":true")
                .collect(Collectors.joining(",", "{", "}"));

        assertThat(decode(event("2026-11-28T05:00:00Z", "login", twenty))).isNotNull();
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", "login", twentyOne)))
                .isEqualTo(ActivityReasonCodes.INVALID_ATTRIBUTES);
    }

    @Test
    void otherSchemaVersionIsUnsupported() {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        assertThat(reasonOf(json)).isEqualTo(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void missingUserIdIsSchemaViolationNamingTheField() {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace("\"userId\":\"u-1\",", "");

        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(PoisonRecordException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ReasonCodes.SCHEMA_VIOLATION);
            assertThat(e.detail()).contains("userId");
        });
    }

    @Test
    void overlongOrControlCharacterIdsAreRejectedWithoutQuotingThem() {
        String longUser = event("2026-11-28T05:00:00Z", "login", "{}").replace("u-1", "u".repeat(129));
        String tabEvent = event("2026-11-28T05:00:00Z", "login", "{}").replace("e-1", "e\\t1");

        assertThatThrownBy(() -> decode(longUser)).isInstanceOfSatisfying(PoisonRecordException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ActivityReasonCodes.INVALID_USER_ID);
            assertThat(e.detail()).doesNotContain("uuuu");
        });
        assertThat(reasonOf(tabEvent)).isEqualTo(ActivityReasonCodes.INVALID_EVENT_ID);
    }

    @Test
    void blankSessionIdIsInvalidSessionId() {
        assertThat(reasonOf(event("2026-11-28T05:00:00Z", "login", "{}").replace("\"s-1\"", "\" \"")))
                .isEqualTo(ActivityReasonCodes.INVALID_SESSION_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59.999Z", "1970-01-01T00:30:00+01:00", "+10000-01-01T00:00:00Z",
        "-999999999-01-01T00:00:00+01:00", "+999999999-12-31T23:59:59-18:00", "0000-01-01T00:00:00Z"})
    void timestampOutsideTheUtcYears1970To9999IsInvalidTimestamp(String occurredAt) {
        assertThatThrownBy(() -> decode(event(occurredAt, "login", "{}")))
                .isInstanceOfSatisfying(PoisonRecordException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(ActivityReasonCodes.INVALID_TIMESTAMP);
                    assertThat(e.detail()).doesNotContain(occurredAt);
                });
    }

    @Test
    void theFirstInstantOf1970IsValid() throws PoisonRecordException {
        assertThat(decode(event("1970-01-01T01:00:00+01:00", "login", "{}")).occurredAt()).isEqualTo(Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "schemaVersion as a string     | \"schemaVersion\":1      | \"schemaVersion\":\"1\"",
        "schemaVersion 1.0             | \"schemaVersion\":1      | \"schemaVersion\":1.0",
        "schemaVersion as a boolean    | \"schemaVersion\":1      | \"schemaVersion\":true",
        "schemaVersion beyond an int   | \"schemaVersion\":1      | \"schemaVersion\":99999999999",
        "eventId as a number           | \"eventId\":\"e-1\"     | \"eventId\":1",
        "userId as a number            | \"userId\":\"u-1\"      | \"userId\":1001",
        "action as a number            | \"action\":\"login\"    | \"action\":7",
        "occurredAt as epoch seconds   | \"occurredAt\":\"2026-11-28T05:00:00Z\" | \"occurredAt\":1764306000",
        "sessionId as a boolean        | \"sessionId\":\"s-1\"   | \"sessionId\":false",
    })
    void aFieldOfAnotherJsonTypeIsNeverCoerced(String description, String field, String replacement) {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace(field, replacement);

        assertThat(reasonOf(json)).isEqualTo(ReasonCodes.SCHEMA_VIOLATION);
    }

    @Test
    void attributeValuesMayBeAnyScalarWhateverTheirJsonType() throws PoisonRecordException {
        String attributes = "{\"quantity\":\"1\",\"mobile\":\"true\",\"score\":1.0,\"flag\":false,\"none\":null}";

        assertThat(decode(event("2026-11-28T05:00:00Z", "login", attributes))).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "userId given twice            | \"userId\":\"u-1\"  | \"userId\":\"u-2\",\"userId\":\"u-1\"",
        "an attribute given twice      | \"attributes\":{}   | \"attributes\":{\"a\":1,\"a\":2}",
    })
    void aFieldNameGivenTwiceIsMalformedJson(String description, String field, String replacement) {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace(field, replacement);

        assertThat(reasonOf(json)).isEqualTo(ReasonCodes.MALFORMED_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "eventId                       | \"e-1\"    | \"e-1\\ud800\"",
        "userId                        | \"u-1\"    | \"u-1\\udfff\"",
        "sessionId                     | \"s-1\"    | \"\\udc00s-1\"",
        "an attribute name             | {}         | {\"a\\ud800\":1}",
        "an attribute value            | {}         | {\"a\":\"\\ud800\"}",
    })
    void anUnpairedSurrogateInAnyStringIsInvalidUnicode(String where, String text, String replacement) {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace(text, replacement);

        assertThat(reasonOf(json)).isEqualTo(ReasonCodes.INVALID_UNICODE);
    }

    @Test
    void eventIdsThatDifferOnlyInUnpairedSurrogatesAreBothRefused() {
        // Sent to DynamoDB as UTF-8, both would become "e-?": one marker key for two events.
        String first = event("2026-11-28T05:00:00Z", "login", "{}").replace("\"e-1\"", "\"e-\\ud800\"");
        String second = event("2026-11-28T05:00:00Z", "login", "{}").replace("\"e-1\"", "\"e-\\ud801\"");

        assertThat(reasonOf(first)).isEqualTo(ReasonCodes.INVALID_UNICODE);
        assertThat(reasonOf(second)).isEqualTo(ReasonCodes.INVALID_UNICODE);
    }

    @Test
    void idsWithEscapedSurrogatePairsDecodeToTheirCodePoints() throws PoisonRecordException {
        String json = event("2026-11-28T05:00:00Z", "login", "{}").replace("\"u-1\"", "\"u-\\ud83d\\ude00\"");

        assertThat(decode(json).userId()).isEqualTo("u-\uD83D\uDE00");
    }
}
