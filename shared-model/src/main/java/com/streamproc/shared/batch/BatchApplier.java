package com.streamproc.shared.batch;

import java.util.List;

/**
 * A function's domain step: applies the valid records of one batch to its store.
 *
 * <p>Contract, relied on by {@link BatchProcessor}:
 * <ul>
 *   <li>{@code records} are sorted by sequence number. Records of one partition key must be applied in that order,
 *       and after a record of a key fails, no later record of that key may be written.</li>
 *   <li>Every write must be replay-safe: Lambda replays from the earliest unapplied record, so records already
 *       applied (in this or an earlier invocation) arrive again and must change nothing.</li>
 *   <li>Each record's outcome goes to the {@link ApplyContext}; a record left unmarked counts as not applied.</li>
 *   <li>No new work starts once {@link ApplyContext#deadline()} has expired.</li>
 *   <li>It throws only when the invocation itself is broken; per-record problems are outcomes.</li>
 * </ul>
 *
 * @param <E> the function's event type
 */
@FunctionalInterface
public interface BatchApplier<E> {
    void apply(List<InboundRecord<E>> records, ApplyContext context);
}
