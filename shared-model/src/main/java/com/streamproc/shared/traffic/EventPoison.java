package com.streamproc.shared.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.ReasonCodes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One kind of poison a generator makes of a valid JSON event: the reason code the function must quarantine it with,
 * and how the event's bytes are broken. The factories make the kinds of the shared reason codes ({@link ReasonCodes}:
 * the shared decoder's, the schema version's, the key rule's), broken the same way for every function; a generator
 * lists them beside its own kinds ({@link #edited}, {@link #rewritten}) and takes them in turn, so that every kind
 * shows up.
 *
 * @param reasonCode what the function quarantines the record with
 * @param breaking   the record's bytes made from the event (which it may change), drawing from the generator's random
 */
public record EventPoison(String reasonCode, Breaking breaking) {
    /** A lone high surrogate, as a JSON escape: no UTF-8 form exists for it. */
    private static final String UNPAIRED_SURROGATE = "\\ud800";

    public EventPoison {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(breaking, "breaking");
    }

    /** How a kind of poison makes a record's bytes of a valid event. */
    @FunctionalInterface
    public interface Breaking {
        /**
         * @param event  the valid event; the kind may change it
         * @param random the generator's random, for kinds that break the event at a random place
         */
        byte[] bytes(ObjectNode event, Random random);
    }

    /** The record's bytes of {@code event}, broken this way. */
    public byte[] bytes(ObjectNode event, Random random) {
        return breaking.bytes(event, random);
    }

    /** Whether the event stays valid and only its partition key is wrong ({@link #underAnotherKey()}). */
    public boolean misrouted() {
        return reasonCode.equals(ReasonCodes.PARTITION_KEY_MISMATCH);
    }

    /** The event as JSON after {@code edit} (a field changed, added or removed). */
    public static EventPoison edited(String reasonCode, Consumer<ObjectNode> edit) {
        return new EventPoison(reasonCode, (event, random) -> {
            edit.accept(event);
            return utf8(event.toString());
        });
    }

    /** The event's JSON text rewritten by {@code rewrite}. */
    public static EventPoison rewritten(String reasonCode, UnaryOperator<String> rewrite) {
        return new EventPoison(reasonCode, (event, random) -> utf8(rewrite.apply(event.toString())));
    }

    /** No bytes at all. */
    public static EventPoison empty() {
        return new EventPoison(ReasonCodes.EMPTY_RECORD, (event, random) -> new byte[0]);
    }

    /** The event's JSON cut short at a random place (at least its first character kept, at least two cut). */
    public static EventPoison truncated() {
        return new EventPoison(ReasonCodes.MALFORMED_JSON, (event, random) -> {
            String text = event.toString();
            return utf8(text.substring(0, 1 + random.nextInt(text.length() - 2)));
        });
    }

    /** The event's bytes with one of them, at a random place inside, made 0xFF: a byte never found in UTF-8. */
    public static EventPoison notUtf8() {
        return new EventPoison(ReasonCodes.INVALID_UTF8, (event, random) -> {
            byte[] data = utf8(event.toString());
            data[1 + random.nextInt(data.length - 2)] = (byte) 0xFF;
            return data;
        });
    }

    /**
     * The event's JSON with {@code text} (within a string) replaced by {@code before}, an unpaired surrogate escape
     * and {@code after}.
     */
    public static EventPoison unpairedSurrogate(String text, String before, String after) {
        return rewritten(ReasonCodes.INVALID_UNICODE, json -> json.replace(text, before + UNPAIRED_SURROGATE + after));
    }

    /** {@code schemaVersion} as the text {@code "1"}: scalars are never coerced. */
    public static EventPoison schemaVersionAsText() {
        return edited(ReasonCodes.SCHEMA_VIOLATION, event -> event.put("schemaVersion", "1"));
    }

    /** {@code schemaVersion} 2, from the future. */
    public static EventPoison futureSchemaVersion() {
        return edited(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION, event -> event.put("schemaVersion", 2));
    }

    /** Without the required field {@code field}. */
    public static EventPoison without(String field) {
        return edited(ReasonCodes.SCHEMA_VIOLATION, event -> event.remove(field));
    }

    /**
     * The valid event unchanged, which the generator puts under another record's partition key: the key its
     * contract requires is not the record's.
     */
    public static EventPoison underAnotherKey() {
        return edited(ReasonCodes.PARTITION_KEY_MISMATCH, event -> {
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
