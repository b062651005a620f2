package com.streamproc.shared.dynamo;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.retry.TransientRetry;
import java.util.List;
import java.util.Set;

/** Stores poison records where analysts can list them and operators can redrive them. */
public interface QuarantineWriter {
    /**
     * Quarantines {@code records}. Writing the same record again (a replay) must leave one copy.
     *
     * @return the records durably quarantined; the others are reported to Lambda and replayed
     */
    Set<RecordRef> write(List<QuarantinedRecord> records, TransientRetry retry);
}
