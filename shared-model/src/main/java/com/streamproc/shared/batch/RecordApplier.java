package com.streamproc.shared.batch;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.retry.TransientRetry;

/**
 * Applies one record; used with {@link KeyedBatchApplier#perRecord}. Must be replay-safe.
 *
 * @param <E> the function's event type
 */
@FunctionalInterface
public interface RecordApplier<E> {
    /**
     * @throws PoisonRecordException when the record can never be applied (it is quarantined and the key goes on)
     * @throws RuntimeException      any other failure (after {@code retry} gave up): the record and the rest of its
     *                               key are left for the replay
     */
    void apply(InboundRecord<E> record, TransientRetry retry) throws PoisonRecordException;
}
