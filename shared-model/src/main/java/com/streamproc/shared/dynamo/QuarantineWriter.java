package com.streamproc.shared.dynamo;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.retry.TransientRetry;
import java.util.List;
import java.util.Set;

/** Stores poison records where analysts can list them and operators can redrive them. */
public interface QuarantineWriter {
    /**
     * Quarantines {@code records}. Writing the same record again (a replay) must leave one copy. A record the store
     * refuses deterministically (a value it cannot hold) must still be quarantined, with less of it kept, so that
     * no record's content can stop its shard.
     *
     * @return the records durably quarantined (the others are reported to Lambda and replayed), and the failure
     *         that kept any out
     */
    Result write(List<QuarantinedRecord> records, TransientRetry retry);

    /**
     * @param quarantined the records durably quarantined
     * @param failure     why some were not, or {@code null}
     */
    record Result(Set<RecordRef> quarantined, Throwable failure) {
        public Result {
            quarantined = Set.copyOf(quarantined);
        }
    }
}
