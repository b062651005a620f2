package com.streamproc.shared.testing;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.retry.TransientFailureException;
import com.streamproc.shared.retry.TransientRetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashSet;

/**
 * A quarantine kept in memory, one entry per record, like the DynamoDB table's key, in stream order (whichever write
 * stored it: the core writes decoding's poison and the applier's separately).
 */
public final class InMemoryQuarantine implements QuarantineWriter {
    private final Map<RecordRef, QuarantinedRecord> stored = new TreeMap<>();
    private boolean failing;

    @Override
    public synchronized Result write(List<QuarantinedRecord> records, TransientRetry retry) {
        if (failing) {
            return new Result(Set.of(), new TransientFailureException("quarantine unreachable (injected)"));
        }
        Set<RecordRef> written = new HashSet<>();
        for (QuarantinedRecord record : records) {
            stored.put(record.ref(), record);
            written.add(record.ref());
        }
        return new Result(written, null);
    }

    /** While failing, nothing is written (as if the table were unreachable). */
    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    public synchronized Map<RecordRef, QuarantinedRecord> stored() {
        return Map.copyOf(stored);
    }

    /** Reason codes by sequence number. */
    public synchronized Map<String, String> reasonsBySequence() {
        Map<String, String> reasons = new LinkedHashMap<>();
        stored.forEach((ref, record) -> reasons.put(ref.sequenceNumber(), record.reason().reasonCode()));
        return reasons;
    }

    /** Reason codes by {@link RecordRef#sequenceId()}: {@code SEQUENCE} or, for a user record, {@code SEQUENCE.SUB}. */
    public synchronized Map<String, String> reasonsBySequenceId() {
        Map<String, String> reasons = new LinkedHashMap<>();
        stored.forEach((ref, record) -> reasons.put(ref.sequenceId(), record.reason().reasonCode()));
        return reasons;
    }
}
