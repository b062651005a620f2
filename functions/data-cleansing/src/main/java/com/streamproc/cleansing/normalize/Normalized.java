package com.streamproc.cleansing.normalize;

import java.util.Objects;

/**
 * The result of normalising one field: a usable value, or the reason code saying why the raw value is unusable.
 * Reason codes name the problem only, never the value (they are stored and logged).
 *
 * @param <T> the normalised value's type
 */
public sealed interface Normalized<T> {

    record Valid<T>(T value) implements Normalized<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    record Invalid<T>(String reasonCode) implements Normalized<T> {
        public Invalid {
            Objects.requireNonNull(reasonCode, "reasonCode");
        }
    }

    static <T> Normalized<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Normalized<T> invalid(String reasonCode) {
        return new Invalid<>(reasonCode);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    /** @return the value, or {@code null} when invalid */
    default T valueOrNull() {
        return this instanceof Valid<T> valid ? valid.value() : null;
    }

    /** @return the reason code, or {@code null} when valid */
    default String reasonOrNull() {
        return this instanceof Invalid<T> invalid ? invalid.reasonCode() : null;
    }
}
