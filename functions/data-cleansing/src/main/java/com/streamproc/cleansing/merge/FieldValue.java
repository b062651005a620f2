package com.streamproc.cleansing.merge;

import java.time.Instant;
import java.util.Objects;

/**
 * A field's normalised value as one source record stated it.
 *
 * @param value     the normalised value
 * @param updatedAt the source record's {@code updatedAt}
 * @param source    the source record, {@code "system:recordId"}
 */
public record FieldValue(String value, Instant updatedAt, String source) {
    public FieldValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(source, "source");
    }
}
