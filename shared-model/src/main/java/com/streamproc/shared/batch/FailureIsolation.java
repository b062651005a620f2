package com.streamproc.shared.batch;

import com.streamproc.shared.retry.FailureCause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs an applier step and, when it throws, decides by the failure's kind ({@link FailureCause}):
 * <ul>
 *   <li>transient or configuration: the step's records without an outcome are marked failed with it (reported and
 *       replayed, as the step would have done);</li>
 *   <li>deterministic: the record(s) that cause it are found by applying smaller runs, in sequence order (the
 *       records without an outcome are halved; the earlier half goes first), until a single record still throws:
 *       that record is poison ({@code PROCESSING_ERROR}). Records applied on the way stay applied; a step must be
 *       replay-safe anyway, so running it again on part of its records changes nothing they already did.</li>
 * </ul>
 * Per-key order survives the search: a record runs only if no earlier record of its key (by {@code keyOf}) is left
 * failed or not applied. No run starts after the deadline. An {@code Error} passes through.
 */
final class FailureIsolation {
    private FailureIsolation() {
    }

    static <E> void run(List<InboundRecord<E>> records, ApplyContext context,
                        Function<InboundRecord<E>, String> keyOf,
                        BiConsumer<List<InboundRecord<E>>, ApplyContext> step) {
        if (records.isEmpty() || context.deadline().expired()) {
            return;
        }
        try {
            step.accept(records, context);
        } catch (RuntimeException failure) {
            if (FailureCause.of(failure).kind().stopsKey()) {
                markUnmarked(records, context, failure);
            } else if (records.size() == 1) {
                // The record that causes it; unless the step had settled it before throwing.
                if (context.outcomeOf(records.get(0).ref()) == null) {
                    context.failed(records.get(0).ref(), failure);
                }
            } else {
                isolate(records, context, keyOf, step);
            }
        }
    }

    private static <E> void isolate(List<InboundRecord<E>> records, ApplyContext context,
                                    Function<InboundRecord<E>, String> keyOf,
                                    BiConsumer<List<InboundRecord<E>>, ApplyContext> step) {
        List<InboundRecord<E>> pending = pending(records, context, keyOf);
        if (pending.size() < records.size()) {
            // The step settled some records before it threw: run the rest on their own first.
            run(pending, context, keyOf, step);
            return;
        }
        int half = pending.size() / 2;
        List<InboundRecord<E>> earlier = pending.subList(0, half);
        run(earlier, context, keyOf, step);
        Set<String> unsettledKeys = new HashSet<>();
        for (InboundRecord<E> record : earlier) {
            RecordOutcome outcome = context.outcomeOf(record.ref());
            if (outcome == null || outcome instanceof RecordOutcome.Failed) {
                unsettledKeys.add(keyOf.apply(record));
            }
        }
        List<InboundRecord<E>> later = new ArrayList<>();
        for (InboundRecord<E> record : pending.subList(half, pending.size())) {
            if (context.outcomeOf(record.ref()) == null && !unsettledKeys.contains(keyOf.apply(record))) {
                later.add(record);
            }
        }
        run(later, context, keyOf, step);
    }

    /** The records without an outcome whose key has no earlier record left failed. */
    private static <E> List<InboundRecord<E>> pending(List<InboundRecord<E>> records, ApplyContext context,
                                                      Function<InboundRecord<E>, String> keyOf) {
        Set<String> failedKeys = new HashSet<>();
        List<InboundRecord<E>> pending = new ArrayList<>(records.size());
        for (InboundRecord<E> record : records) {
            String key = keyOf.apply(record);
            RecordOutcome outcome = context.outcomeOf(record.ref());
            if (outcome instanceof RecordOutcome.Failed) {
                failedKeys.add(key);
            } else if (outcome == null && !failedKeys.contains(key)) {
                pending.add(record);
            }
        }
        return pending;
    }

    private static <E> void markUnmarked(List<InboundRecord<E>> records, ApplyContext context, Throwable failure) {
        for (InboundRecord<E> record : records) {
            if (context.outcomeOf(record.ref()) == null) {
                context.failed(record.ref(), failure);
            }
        }
    }
}
