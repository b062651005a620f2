package com.streamproc.shared.batch;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.retry.TransientRetry;

/**
 * Applies one record, for the core's tests: {@link #perRecord} makes a {@link KeyedBatchApplier} of it that applies
 * a key's records one by one. A poison record is marked and the key goes on; any other failure marks the record
 * failed and stops the key. Must be replay-safe.
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

    /** Groups by Kinesis partition key and applies record by record. */
    static <E> KeyedBatchApplier<E> perRecord(RecordApplier<E> applier, int maxConcurrentKeys) {
        return KeyedBatchApplier.perKey(r -> r.ref().partitionKey(), recordByRecord(applier), maxConcurrentKeys);
    }

    private static <E> PartitionApplier<E> recordByRecord(RecordApplier<E> applier) {
        return (key, group, context) -> {
            for (InboundRecord<E> record : group) {
                if (context.deadline().expired()) {
                    return;
                }
                try {
                    applier.apply(record, context.retry());
                    context.applied(record.ref());
                } catch (PoisonRecordException poison) {
                    context.poison(record.ref(), poison);
                } catch (RuntimeException failure) {
                    context.failed(record.ref(), failure);
                    if (context.outcomeOf(record.ref()) instanceof RecordOutcome.Failed) {
                        return; // transient: the key stops here
                    }
                }
            }
        };
    }
}
