package com.streamproc.shared.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes record data as strict UTF-8 JSON into {@code E} with the shared {@link EventJson} mapper. Business rules
 * are the function's: its decoder applies its contract to the decoded event.
 *
 * <p>Failures map to reason codes, checked in this order so that a record gets the most fundamental one:
 * {@link ReasonCodes#EMPTY_RECORD}, {@link ReasonCodes#RECORD_TOO_LARGE}, {@link ReasonCodes#INVALID_UTF8},
 * {@link ReasonCodes#MALFORMED_JSON} (duplicate field names included), {@link ReasonCodes#INVALID_UNICODE},
 * {@link ReasonCodes#SCHEMA_VIOLATION}; a {@link PoisonRecordException} thrown by the event's constructor keeps its
 * own code.
 *
 * <p>Unpaired surrogates are refused anywhere in the record (values, field names, unknown and free-text fields
 * alike), not only in the fields a function uses as keys: such a string has no UTF-8 form, so nothing downstream
 * (DynamoDB, logs, the quarantine, another consumer) can keep it as sent, and no contract has a field where it is
 * meaningful. One rule for the whole record also cannot miss a field that becomes a key later.
 *
 * @param <E> the event type: a record or class Jackson can create, whose required properties are marked
 *            {@code @JsonProperty(required = true)}
 */
public final class JsonRecordDecoder<E> implements RecordDecoder<E> {
    /** Kinesis accepts at most 1 MiB of data per record. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    private final ObjectReader reader;
    private final int maxRecordBytes;

    public JsonRecordDecoder(Class<E> type, int maxRecordBytes) {
        this.reader = EventJson.mapper().readerFor(type);
        this.maxRecordBytes = maxRecordBytes;
    }

    public JsonRecordDecoder(Class<E> type) {
        this(type, DEFAULT_MAX_RECORD_BYTES);
    }

    @Override
    public E decode(ByteBuffer data) throws PoisonRecordException {
        if (data == null || !data.hasRemaining()) {
            throw new PoisonRecordException(ReasonCodes.EMPTY_RECORD, "record has no data");
        }
        int size = data.remaining();
        if (size > maxRecordBytes) {
            throw new PoisonRecordException(ReasonCodes.RECORD_TOO_LARGE,
                    "record is " + size + " bytes, limit " + maxRecordBytes);
        }
        String json = utf8(data);
        int unpaired = SurrogateEscapes.firstUnpaired(json);
        if (unpaired >= 0) {
            requireWellFormed(json);
            throw new PoisonRecordException(ReasonCodes.INVALID_UNICODE,
                    "unpaired UTF-16 surrogate escape in a string or field name at " + position(json, unpaired));
        }
        return parse(json);
    }

    /** Strict UTF-8: malformed or unmappable bytes are an error, never replaced with U+FFFD. */
    static String utf8(ByteBuffer data) throws PoisonRecordException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            // duplicate(): decoding must not move the caller's position.
            CharBuffer chars = decoder.decode(data.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new PoisonRecordException(ReasonCodes.INVALID_UTF8, "data is not valid UTF-8");
        }
    }

    /** Reads the whole text as JSON tokens, without binding: the check behind a poison that is not about JSON. */
    private static void requireWellFormed(String json) throws PoisonRecordException {
        try (JsonParser parser = EventJson.mapper().createParser(json)) {
            while (parser.nextToken() != null) {
                // Only well-formedness matters here.
            }
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("surrogate")) {
                // Jackson refuses an unpaired surrogate in a field name (not in a value) as a parse error: that is
                // the problem being reported, not another one.
                return;
            }
            throw malformed(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new PoisonRecordException(ReasonCodes.MALFORMED_JSON, "unreadable JSON");
        }
    }

    private E parse(String json) throws PoisonRecordException {
        try {
            E event = reader.readValue(json);
            if (event == null) {
                throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "JSON value is null");
            }
            return event;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof PoisonRecordException poison) {
                throw poison;
            }
            throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, describe(e));
        } catch (MismatchedInputException e) {
            throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, describe(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                // A whole number too large for its int or long field: well-formed JSON, wrong for the contract.
                throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION,
                        "field " + path(e) + ": number out of range");
            }
            throw malformed(e);
        } catch (InputCoercionException e) {
            throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "a number is out of range for its field");
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new PoisonRecordException(ReasonCodes.MALFORMED_JSON, "unreadable JSON");
        }
    }

    private static PoisonRecordException malformed(JsonProcessingException e) {
        if (e.getCause() instanceof PoisonRecordException poison) {
            return poison;
        }
        if (e instanceof StreamConstraintsException) {
            return new PoisonRecordException(ReasonCodes.MALFORMED_JSON, "exceeds JSON limits: " + e.getOriginalMessage());
        }
        String message = e.getOriginalMessage();
        if (e instanceof JsonParseException && message != null && message.startsWith("Duplicate field")) {
            // Not even the name goes into the detail: field names can be producer-chosen free text.
            return new PoisonRecordException(ReasonCodes.MALFORMED_JSON,
                    "duplicate field name in an object at " + location(e));
        }
        return new PoisonRecordException(ReasonCodes.MALFORMED_JSON, "not well-formed JSON at " + location(e));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("$");
    }

    /** Names the field path and problem only: Jackson's own message can quote input values (personal data). */
    private static String describe(JsonMappingException e) {
        String path = path(e);
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Missing required creator property")) {
            int open = message.indexOf('\'');
            int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
            String field = close > open ? message.substring(open + 1, close) : path;
            String where;
            if (path.equals("$")) {
                where = field;
            } else if (path.equals(field) || path.endsWith("." + field)) {
                where = path; // Jackson's path already ends at the missing field
            } else {
                where = path + "." + field;
            }
            return "missing required field " + where;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "field " + path + ": wrong type, expected " + mismatch.getTargetType().getSimpleName();
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null
                && e.getCause().getMessage() != null && e.getCause() instanceof IllegalArgumentException) {
            return "field " + path + ": " + e.getCause().getMessage();
        }
        return "field " + path + ": invalid value";
    }

    /** Line and column (1-based) of the character at {@code index}, as Jackson reports locations. */
    private static String position(String json, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = json.indexOf('\n'); i >= 0 && i < index; i = json.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return "line " + line + " column " + (index - lineStart + 1);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
    }
}
