package com.streamproc.cleansing;

import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.cleansing.normalize.TextCleanup;
import java.math.BigDecimal;

/** A raw field value as a normaliser wants it: absent, text, or of a JSON type no field can hold. */
sealed interface RawValue {
    record Absent() implements RawValue {
    }

    record Text(String text) implements RawValue {
    }

    record WrongType() implements RawValue {
    }

    /** Strings and numbers are text (numbers in plain notation); null, blanks and placeholders are absent. */
    static RawValue of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Absent();
        }
        String text;
        if (node.isTextual()) {
            text = node.textValue();
        } else if (node.isNumber()) {
            text = node.numberValue() instanceof BigDecimal decimal ? decimal.toPlainString() : node.asText();
        } else {
            return new WrongType();
        }
        return TextCleanup.isPlaceholder(text) ? new Absent() : new Text(text);
    }
}
