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

    private final JsonRecordDecoder<Sample> decoder = new JsonRecordDecoder<>(Sample.class, EventValidator.none(), 256);

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
        JsonRecordDecoder<Sample> roomy = new JsonRecordDecoder<>(Sample.class, EventValidator.none());
        String nested = "{\"id\":\"a\",\"count\":1,\"extra\":" + "[".repeat(500) + "]".repeat(500) + "}";
        String huge = "{\"id\":\"a\",\"count\":1,\"amount\":1" + "0".repeat(500) + "}";

        assertThatThrownBy(() -> roomy.decode(utf8(nested)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON));
        assertThatThrownBy(() -> roomy.decode(utf8(huge)))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_JSON));
    }

    @Test
    void validatorPoisonKeepsItsOwnReason() {
        JsonRecordDecoder<Sample> validating = new JsonRecordDecoder<>(Sample.class, sample -> {
            if (sample.count() < 0) {
                throw new PoisonRecordException("NEGATIVE_COUNT", "count must not be negative");
            }
        });

        assertThatThrownBy(() -> validating.decode(utf8("{\"id\":\"a\",\"count\":-1}")))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        poison -> assertThat(poison.reasonCode()).isEqualTo("NEGATIVE_COUNT"));
    }
}
