package com.streamproc.shared.decode;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one {@link ObjectMapper} of an execution environment, configured once: unknown fields are ignored (producers
 * may add fields), missing creator properties and nulls for primitives are rejected, numbers that are money are
 * read as {@link java.math.BigDecimal}, and nesting depth and number length are capped so a hostile record costs
 * little to reject.
 *
 * <p>It is strict where leniency would let two producers' records mean different things:
 * <ul>
 *   <li>A field name given twice in one object is an error (not "the last one wins"): a producer and a consumer
 *       with different parsers could otherwise read the record differently. I-JSON (RFC 7493) forbids it.</li>
 *   <li>Scalars are never coerced: a string is not a number ({@code "1"} for an {@code int}), a number is not a
 *       string ({@code 1001} for a {@code String}), {@code 1.0} is not an integer, a boolean is neither, and
 *       {@code ""} is not a null number. A field that accepts more than one JSON type says so by its Java type
 *       ({@link com.fasterxml.jackson.databind.JsonNode}, or a deserializer of its own).</li>
 * </ul>
 *
 * <p>Required fields are marked {@code @JsonProperty(required = true)} on record components (Jackson enforces that
 * for creator properties); an explicit {@code null} for a required field is rejected by the record's constructor
 * with {@link RequiredFields#require}.
 */
public final class EventJson {
    /** Deeper JSON than this is rejected as malformed: no event contract nests more than a few levels. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longer numbers than this are rejected: no amount or count in a contract needs more digits. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // 1.5 (and 1.0) read into an int must be an error, not a silent 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "1" into an int, "true" into a boolean, "" into an Integer: all refused.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ALLOW_COERCION_OF_SCALARS does not cover String targets: 1001, 1.5 or true into a String are refused here.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    }

    private EventJson() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
