package com.streamproc.cleansing;

import com.streamproc.shared.decode.PoisonRecordException;
import java.util.List;
import java.util.Objects;

/**
 * A source record that cannot be cleansed: it goes to the quarantine.
 *
 * @param reasonCode   the record-level reason ({@link CleansingReasons} or a core code such as
 *                     {@code SCHEMA_VIOLATION})
 * @param detail       a short explanation naming fields, never their values
 * @param fieldReasons every field problem found, as {@code "<field>:<CODE>"}
 */
public record RejectedRecord(String reasonCode, String detail, List<String> fieldReasons) implements CleansingOutcome {
    public RejectedRecord {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(detail, "detail");
        fieldReasons = List.copyOf(fieldReasons);
    }

    public PoisonRecordException toPoison() {
        return new PoisonRecordException(reasonCode, detail, fieldReasons);
    }
}
