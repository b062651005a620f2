package com.streamproc.shared.batch;

import com.streamproc.shared.retry.TransientFailureException;
import java.util.List;
import java.util.Optional;

/**
 * The read-fold-conditional-write loop every function with one item per key uses: load the key's stored state (in
 * the first round, what the batch already read for it), fold the key's records into it in memory, and save the
 * result only if the stored version is still the one read. A lost race (another writer moved the version) waits a
 * backoff, loads and folds again, up to {@link #MAX_ROUNDS} rounds; that also settles a save whose response was
 * lost, since the re-read shows the records applied and the re-fold changes nothing. When the fold changes nothing
 * (a replay, or data older than what is stored) nothing is written.
 *
 * <p>Records are marked only once their outcome is durable. No round starts after the deadline (the records stay
 * unmarked: reported and replayed). After {@link #MAX_ROUNDS} lost races every record of the key is marked failed
 * with a transient cause: contention, not the records, so the replay folds them again. Failures of loads and saves
 * are not caught: they concern the whole fold and go to the core's failure model ({@link KeyedBatchApplier}).
 */
public final class VersionedKeyApplier {
    /** Load-fold-save rounds per key and batch before its records are left for the replay. */
    public static final int MAX_ROUNDS = 4;

    /**
     * A function's part of the loop.
     *
     * @param <T> the stored state of a key, with its version
     * @param <F> the result of folding the key's records into a stored state
     */
    public interface Steps<T, F> {
        /** The key's stored state (a consistent read), empty when it has none. */
        Optional<T> load(String key);

        /** The version {@code stored} was read at. */
        long versionOf(T stored);

        /** Folds the key's records into {@code stored} ({@code null}: none yet), in memory. */
        F fold(T stored);

        /** Whether {@code fold} must be written over {@code stored} ({@code null}: none yet). */
        boolean changes(F fold, T stored);

        /** Marks each record's outcome as {@code fold} decided it, once that is durable. */
        void markOutcomes(F fold, ApplyContext context);

        /**
         * Writes {@code fold} if the key's stored version is still {@code expectedVersion} (0: no item yet).
         *
         * @param round 1-based, for writes that must differ per round
         * @return false when another writer moved the version first
         */
        boolean saveIfVersion(F fold, T stored, long expectedVersion, int round);
    }

    private VersionedKeyApplier() {
    }

    /**
     * Applies {@code records} of {@code key}.
     *
     * @param prefetched what the batch already read for the key ({@code null}: not read)
     */
    public static <E, T, F> void apply(String key, List<InboundRecord<E>> records, ApplyContext context,
                                       Optional<T> prefetched, Steps<T, F> steps) {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            if (context.deadline().expired()) {
                return;
            }
            T stored = round == 1 && prefetched != null ? prefetched.orElse(null)
                    : context.retry().call(() -> steps.load(key)).orElse(null);
            F fold = steps.fold(stored);
            if (!steps.changes(fold, stored)) {
                steps.markOutcomes(fold, context);
                return;
            }
            long expectedVersion = stored == null ? 0 : steps.versionOf(stored);
            int thisRound = round;
            if (context.retry().call(() -> steps.saveIfVersion(fold, stored, expectedVersion, thisRound))) {
                steps.markOutcomes(fold, context);
                return;
            }
            context.retry().backoff(round);
        }
        TransientFailureException contention = new TransientFailureException(
                "the item of the key kept changing under " + MAX_ROUNDS + " load-fold-save rounds");
        records.forEach(record -> context.failed(record.ref(), contention));
    }
}
