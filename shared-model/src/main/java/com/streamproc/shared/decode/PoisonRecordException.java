package com.streamproc.shared.decode;

import java.util.List;
import java.util.Objects;

/**
 * A record that can never be applied, however often it is retried: it goes to the quarantine instead of
 * blocking its shard.
 *
 * <p>{@link #reasonCode()} is a stable, upper-snake-case code that analysts filter on; {@link #detail()} is a
 * short human explanation that must not contain personal data or payload values (it is logged and stored).
 * {@link #fieldReasons()} optionally lists one code per offending field, for functions that validate several
 * fields at once.
 */
public class PoisonRecordException extends Exception {
    private final String reasonCode;
    private final String detail;
    private final List<String> fieldReasons;

    public PoisonRecordException(String reasonCode, String detail) {
        this(reasonCode, detail, List.of());
    }

    public PoisonRecordException(String reasonCode, String detail, List<String> fieldReasons) {
        super(reasonCode + ": " + detail, null, false, false);
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.detail = detail == null ? "" : detail;
        this.fieldReasons = List.copyOf(fieldReasons);
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String detail() {
        return detail;
    }

    public List<String> fieldReasons() {
        return fieldReasons;
    }
}
