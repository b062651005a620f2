package com.streamproc.orders.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A JSON scalar exactly as it was on the wire: its JSON type and its text (a number's text as written, so
 * {@code 2.10} stays {@code "2.10"} and {@code 1E+3} stays {@code "1E+3"}). {@link OrderEventDecoder} decides per
 * field which JSON types the contract allows; nothing is coerced here. An object or array where a scalar belongs
 * is a type error of the shared decoder ({@code SCHEMA_VIOLATION}); JSON {@code null} is a missing value.
 *
 * @param kind the JSON type
 * @param text a string's value, or a number's or boolean's text as written
 */
@JsonDeserialize(using = WireScalar.Deserializer.class)
record WireScalar(Kind kind, String text) {

    /** The JSON type of a scalar; JSON has one number type, told apart here by how it is written. */
    enum Kind {
        STRING,
        /** A number written without fraction or exponent: {@code 2}, {@code -7}. */
        INTEGER,
        /** A number written with a fraction or an exponent: {@code 2.0}, {@code 1E+3}. */
        DECIMAL,
        BOOLEAN
    }

    boolean isString() {
        return kind == Kind.STRING;
    }

    boolean isNumber() {
        return kind == Kind.INTEGER || kind == Kind.DECIMAL;
    }

    /** For details: the JSON type's name, never the value. */
    String typeName() {
        return switch (kind) {
            case STRING -> "a string";
            case INTEGER, DECIMAL -> "a number";
            case BOOLEAN -> "a boolean";
        };
    }

    static final class Deserializer extends StdScalarDeserializer<WireScalar> {
        Deserializer() {
            super(WireScalar.class);
        }

        @Override
        public WireScalar deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_STRING -> new WireScalar(Kind.STRING, parser.getText());
                case VALUE_NUMBER_INT -> new WireScalar(Kind.INTEGER, parser.getText());
                case VALUE_NUMBER_FLOAT -> new WireScalar(Kind.DECIMAL, parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> new WireScalar(Kind.BOOLEAN, parser.getText());
                default -> (WireScalar) context.handleUnexpectedToken(WireScalar.class, parser);
            };
        }
    }
}
