package com.streamproc.cleansing.merge;

import java.time.Instant;
import java.util.Objects;

/**
 * A source record sent a value for a field that could not be used.
 *
 * @param reason    the field-level reason code ({@link com.streamproc.cleansing.normalize.FieldReasons})
 * @param updatedAt the source record's {@code updatedAt}
 * @param source    the source record, {@code "system:recordId"}
 */
public record FieldDrop(String reason, Instant updatedAt, String source) {
    public FieldDrop {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(source, "source");
    }
}
