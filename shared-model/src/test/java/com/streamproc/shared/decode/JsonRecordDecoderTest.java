package com.streamproc.shared.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRecordDecoderTest {

    record Sample(@JsonProperty(required = true) String id,
                  @JsonProperty(required = true) int count,
                  BigDecimal amount,
                  OffsetDateTime at,
                  String note) {
        Sample {
            RequiredFields.require(id, "id");
        }
    }

    private final JsonRecordDecoder<Sample> decoder = new JsonRecordDecoder<>(Sample.class, 256);

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesValidEventAndIgnoresUnknownFields() throws Exception {
        Sample sample = decoder.decode(utf8(
                "{\"id\":\"a-1\",\"count\":3,\"amount\":12.50,\"at\":\"2026-11-27T10:15:30+01:00\",\"extra\":{\"x\":1}}"));

        assertThat(sample.id()).isEqualTo("a-1");
        assertThat(sample.count()).isEqualTo(3);
        assertThat(sample.amount()).isEqualByComparingTo("12.50");
        assertThat(sample.at().toInstant()).hasToString("2026-11-27T09:15:30Z");
        assertThat(sample.note()).isNull();
    }

    @Test
    void readsOnlyBetweenPositionAndLimitAndLeavesThemUnchanged() throws Exception {
        byte[] framed = "GARBAGE{\"id\":\"x\",\"count\":1}TRAILING".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(framed);
        buffer.position(7).limit(framed.length - 8);

        Sample sample = decoder.decode(buffer);

        assertThat(sample.id()).isEqualTo("x");
        assertThat(buffer.position()).isEqualTo(7);
        assertThat(buffer.limit()).isEqualTo(framed.length - 8);
    }

    @Test
    void decodesReadOnlyDirectBuffers() throws Exception {
        byte[] json = "{\"id\":\"d\",\"count\":2}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(json.length).put(json).flip().asReadOnlyBuffer();

        assertThat(decoder.decode(direct).count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"count\":1}                         | SCHEMA_VIOLATION | missing required field id",
        "{\"id\":\"a\"}                        | SCHEMA_VIOLATION | missing required field count",
        "{\"id\":null,\"count\":1}             | SCHEMA_VIOLATION | missing required field id",
        "{\"id\":\"  \",\"count\":1}           | SCHEMA_VIOLATION | missing required field id",
        "{\"id\":\"a\",\"count\":\"many\"}     | SCHEMA_VIOLATION | field count: wrong type",
        "{\"id\":\"a\",\"count\":null}         | SCHEMA_VIOLATION | count",
        "{\"id\":\"a\",\"count\":1.5}          | SCHEMA_VIOLATION | field count",
        "[1,2,3]                               | SCHEMA_VIOLATION | wrong type",
        "\"just a string\"                     | SCHEMA_VIOLATION | wrong type",
        "null                                  | SCHEMA_VIOLATION | null",
        "{\"id\":\"a\",\"count\":1               | MALFORMED_JSON   | not well-formed JSON",
        "{\"id\":\"a\",\"count\":1} {\"x\":2}  | SCHEMA_VIOLATION | ",
        "{id:'a'}                              | MALFORMED_JSON   | not well-formed JSON",
        "{\"id\":\"a\",\"count\":1,\"at\":\"yesterday\"} | SCHEMA_VIOLATION | field at",
    })
    void rejectsContractViolationsWithReasonCode(String json, String reason, String detailPart) {
        assertThatThrownBy(() -> decoder.decode(utf8(json)))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.reasonCode()).isEqualTo(reason);
                    if (detailPart != null) {
                        assertThat(poison.detail()).contains(detailPart);
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a string for an int         | {\"id\":\"a\",\"count\":\"1\"}                | field count: wrong type",
        "1.0 for an int              | {\"id\":\"a\",\"count\":1.0}                    | field count",
        "a boolean for an int        | {\"id\":\"a\",\"count\":true}                   | field count: wrong type",
        "an empty string for an int  | {\"id\":\"a\",\"count\":\"\"}                 | field count",
        "a number for a string       | {\"id\":1001,\"count\":1}                        | field id: wrong type",
        "a decimal for a string      | {\"id\":1.5,\"count\":1}                         | field id: wrong type",
        "a boolean for a string      | {\"id\":true,\"count\":1}                        | field id: wrong type",
        "a string for a decimal      | {\"id\":\"a\",\"count\":1,\"amount\":\"12.50\"} | field amount: wrong type",
        "an int beyond int range     | {\"id\":\"a\",\"count\":99999999999}            | field count: number out of range",
    })
    void scalarsAreNeverCoercedToAnotherJsonType(String description, String json, String detailPart) {
        assertThatThrownBy(() -> decoder.decode(utf8(json)))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.SCHEMA_VIOLATION);
                    assertThat(poison.detail()).contains(detailPart);
                });
    }

    @Test
    void aWholeNumberIsAcceptedForADecimalField() throws Exception {
        Sample sample = decoder.decode(utf8("{\"id\":\"a\",\"count\":1,\"amount\":12}"));

        assertThat(sample.amount()).isEqualByComparingTo("12");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a contract field            | {\"id\":\"first\",\"count\":1,\"id\":\"second\"}",
        "an unknown field            | {\"id\":\"a\",\"count\":1,\"x\":1,\"x\":1}",
        "inside a nested object      | {\"id\":\"a\",\"count\":1,\"extra\":[{\"k\":1,\"k\":2}]}",
    })
    void aFieldNameGivenTwiceInOneObjectIsMalformed(String description, String json) {
        assertThatThrownBy(() -> decoder.decode(utf8(json)))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON);
                    assertThat(poison.detail()).startsWith("duplicate field name in an object at line 1 column ");
                });
    }

    @Test
    void theSameFieldNameInDifferentObjectsIsNoDuplicate() throws Exception {
        Sample sample = decoder.decode(utf8("{\"id\":\"a\",\"count\":1,\"extra\":{\"id\":\"b\"}}"));

        assertThat(sample.id()).isEqualTo("a");
    }

    @Test
    void theDuplicateFieldDetailDoesNotNameTheField() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"a\",\"count\":1,\"alice\":1,\"alice\":2}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.detail()).doesNotContain("alice"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a lone high surrogate in a value           | {\"id\":\"a\\ud800b\",\"count\":1}",
        "a lone high surrogate ending a value       | {\"id\":\"a\\uD800\",\"count\":1}",
        "a lone low surrogate in a value            | {\"id\":\"a\\udc00\",\"count\":1}",
        "a pair in the wrong order                  | {\"id\":\"a\\udc00\\ud800\",\"count\":1}",
        "two high surrogates                        | {\"id\":\"a\\ud800\\ud800\",\"count\":1}",
        "a high surrogate before a non-surrogate    | {\"id\":\"a\\ud800\\u0041\",\"count\":1}",
        "a lone surrogate in a field name           | {\"id\":\"a\",\"count\":1,\"x\\ud800\":1}",
        "a lone surrogate in an unknown field       | {\"id\":\"a\",\"count\":1,\"note2\":\"\\udfff\"}",
        "a lone surrogate deep in a nested value    | {\"id\":\"a\",\"count\":1,\"extra\":[[{\"k\":\"\\udbff\"}]]}",
        "a lone surrogate after an escaped backslash   | {\"id\":\"a\\\\\\ud800\",\"count\":1}",
    })
    void anUnpairedSurrogateAnywhereInTheRecordIsInvalidUnicode(String description, String json) {
        assertThatThrownBy(() -> decoder.decode(utf8(json)))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.INVALID_UNICODE);
                    assertThat(poison.detail()).startsWith("unpaired UTF-16 surrogate escape in a string or field name at line 1 column ");
                });
    }

    @Test
    void aHighSurrogateEscapeFollowedByARawCharacterIsInvalidUnicode() {
        // The raw emoji is a valid pair of its own; the escape before it is not paired with anything.
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"\\ud83d\ud83d\ude00\",\"count\":1}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.INVALID_UNICODE));
    }

    @Test
    void theDetailOfInvalidUnicodeGivesThePositionNotTheValue() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"count\":1,\n\"id\":\"alice\\ud800\"}")))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.detail()).endsWith("at line 2 column 12");
                    assertThat(poison.detail()).doesNotContain("alice");
                });
    }

    @Test
    void escapedAndRawSurrogatePairsAreOneCodePoint() throws Exception {
        Sample escaped = decoder.decode(utf8("{\"id\":\"a\\ud83d\\ude00\",\"count\":1}"));
        Sample upperCase = decoder.decode(utf8("{\"id\":\"a\\uD83D\\uDE00\",\"count\":1}"));
        Sample raw = decoder.decode(utf8("{\"id\":\"a\ud83d\ude00\",\"count\":1}"));

        assertThat(escaped.id()).isEqualTo("a\uD83D\uDE00").isEqualTo(upperCase.id()).isEqualTo(raw.id());
        assertThat(escaped.id().codePointCount(0, escaped.id().length())).isEqualTo(2);
    }

    @Test
    void anEscapedBackslashBeforeUIsTextNotASurrogate() throws Exception {
        // An escaped backslash followed by the letters u, d, 8, 0, 0: text, no surrogate at all.
        Sample sample = decoder.decode(utf8("{\"id\":\"a\\\\ud800\",\"count\":1}"));

        assertThat(sample.id()).isEqualTo("a\\ud800");
    }

    @Test
    void textThatIsNotJsonIsMalformedEvenWithAnUnpairedSurrogateEscape() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"a\\ud800\",\"count\":")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON));
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"a\\ud800\",\"id\":\"b\",\"count\":1}")))
                .isInstanceOfSatisfying(PoisonRecordException.class, poison -> {
                    assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON);
                    assertThat(poison.detail()).startsWith("duplicate field name");
                });
    }

    @Test
    void invalidUnicodeComesBeforeTheContract() {
        // count is missing too, but the text itself is the more fundamental problem.
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"\\ud800\"}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.INVALID_UNICODE));
    }

    @Test
    void missingFieldIsNamedOnce() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"count\":1}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.detail()).isEqualTo("missing required field id"));
    }

    @Test
    void detailNeverQuotesTheOffendingValue() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"id\":\"a\",\"count\":\"alice@example.com\"}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.detail()).doesNotContain("alice"));
    }

    @Test
    void rejectsInvalidUtf8InsteadOfReplacingIt() {
        byte[] bytes = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.INVALID_UTF8));
    }

    @Test
    void rejectsEmptyAndOversizedRecords() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.EMPTY_RECORD));
        String big = "{\"id\":\"" + "x".repeat(300) + "\",\"count\":1}";
        assertThatThrownBy(() -> decoder.decode(utf8(big)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.RECORD_TOO_LARGE));
    }

    @Test
    void rejectsDeeplyNestedJsonAndHugeNumbers() {
        JsonRecordDecoder<Sample> roomy = new JsonRecordDecoder<>(Sample.class);
        String nested = "{\"id\":\"a\",\"count\":1,\"extra\":" + "[".repeat(500) + "]".repeat(500) + "}";
        String huge = "{\"id\":\"a\",\"count\":1,\"amount\":1" + "0".repeat(500) + "}";

        assertThatThrownBy(() -> roomy.decode(utf8(nested)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON));
        assertThatThrownBy(() -> roomy.decode(utf8(huge)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON));
    }
}
