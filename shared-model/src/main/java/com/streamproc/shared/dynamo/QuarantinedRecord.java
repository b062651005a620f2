package com.streamproc.shared.dynamo;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.decode.PoisonRecordException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A poison record on its way to the quarantine.
 *
 * @param ref     where it came from
 * @param reason  why it can never be applied
 * @param source  an optional grouping for analysts (the source system of a cleansing record), or {@code null}
 * @param payload the record's raw data (read from position to limit; not consumed)
 */
public record QuarantinedRecord(RecordRef ref, PoisonRecordException reason, String source, ByteBuffer payload) {
    public QuarantinedRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(reason, "reason");
        payload = payload == null ? ByteBuffer.allocate(0) : payload.asReadOnlyBuffer();
    }
}
