package com.streamproc.shared.batch;

import java.util.List;

/**
 * Applies all records of one key of a batch, for example folding them into one conditional write; used with
 * {@link KeyedBatchApplier#perKey}. It marks each record's outcome in the context, in sequence order, and
 * after a failure leaves the key's later records unwritten.
 *
 * @param <E> the function's event type
 */
@FunctionalInterface
public interface PartitionApplier<E> {
    void apply(String key, List<InboundRecord<E>> records, ApplyContext context);
}
