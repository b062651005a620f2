package com.streamproc.shared.decode;

/**
 * Null checks for event records' compact constructors. The message names the field only, never a value: it becomes
 * the quarantine detail of the record.
 */
public final class RequiredFields {
    private RequiredFields() {
    }

    /** @throws IllegalArgumentException naming the field when {@code value} is null or a blank string */
    public static <T> T require(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing required field " + field);
        }
        return value;
    }
}
