package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.retry.FailureKind;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientRetry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionedKeyApplierTest {
    /** A counter per key: the state is the sum of the records, the version counts writes. */
    private record Stored(int sum, long version) {
    }

    private final List<InboundRecord<Integer>> records = List.of(record(1, 2), record(2, 3));
    private final ApplyContext context = new ApplyContext(Deadline.none(),
            new TransientRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO), Deadline.none()));

    @Test
    void foldsOverThePrefetchedStateAndSavesOnceMarkingEveryRecordApplied() {
        Counter counter = new Counter(new Stored(10, 3));

        VersionedKeyApplier.apply("k", records, context, Optional.of(new Stored(10, 3)), counter);

        assertThat(counter.stored).isEqualTo(new Stored(15, 4));
        assertThat(counter.loads).isZero();
        assertThat(counter.saves).containsExactly(3L);
        assertThat(records).allSatisfy(r -> assertThat(context.outcomeOf(r.ref()))
                .isInstanceOf(RecordOutcome.Applied.class));
    }

    @Test
    void aLostRaceLoadsAndFoldsAgainOverWhatTheOtherWriterSaved() {
        Counter counter = new Counter(new Stored(10, 3));
        counter.raceOnce = new Stored(20, 4);

        VersionedKeyApplier.apply("k", records, context, Optional.of(new Stored(10, 3)), counter);

        assertThat(counter.stored).isEqualTo(new Stored(25, 5));
        assertThat(counter.loads).isEqualTo(1);
        assertThat(counter.saves).containsExactly(3L, 4L);
    }

    @Test
    void aFoldThatChangesNothingWritesNothing() {
        Counter counter = new Counter(new Stored(10, 3));
        counter.unchanged = true;

        VersionedKeyApplier.apply("k", records, context, null, counter);

        assertThat(counter.saves).isEmpty();
        assertThat(counter.loads).isEqualTo(1);
        assertThat(context.outcomeOf(records.get(0).ref())).isInstanceOf(RecordOutcome.Applied.class);
    }

    @Test
    void aKeyThatKeepsChangingLeavesEveryRecordFailedTransientlyForTheReplay() {
        Counter counter = new Counter(new Stored(10, 3));
        counter.alwaysRace = true;

        VersionedKeyApplier.apply("k", records, context, null, counter);

        assertThat(counter.saves).hasSize(VersionedKeyApplier.MAX_ROUNDS);
        assertThat(records).allSatisfy(r -> assertThat(context.outcomeOf(r.ref()))
                .isInstanceOfSatisfying(RecordOutcome.Failed.class,
                        failed -> assertThat(failed.describe().kind()).isEqualTo(FailureKind.TRANSIENT)));
    }

    @Test
    void noRoundStartsAfterTheDeadlineAndTheRecordsStayUnmarked() {
        ApplyContext late = new ApplyContext(Deadline.of(Duration.ZERO, Duration.ZERO, System::nanoTime),
                new TransientRetry(RetryPolicy.DEFAULT, Deadline.none()));
        Counter counter = new Counter(new Stored(10, 3));

        VersionedKeyApplier.apply("k", records, late, Optional.of(new Stored(10, 3)), counter);

        assertThat(counter.saves).isEmpty();
        assertThat(late.outcomeOf(records.get(0).ref())).isNull();
    }

    private final class Counter implements VersionedKeyApplier.Steps<Stored, Integer> {
        Stored stored;
        int loads;
        final List<Long> saves = new ArrayList<>();
        Stored raceOnce;
        boolean alwaysRace;
        boolean unchanged;

        Counter(Stored stored) {
            this.stored = stored;
        }

        @Override
        public Optional<Stored> load(String key) {
            loads++;
            return Optional.ofNullable(stored);
        }

        @Override
        public long versionOf(Stored s) {
            return s.version();
        }

        @Override
        public Integer fold(Stored s) {
            return (s == null ? 0 : s.sum()) + (unchanged ? 0 : records.stream().mapToInt(InboundRecord::event).sum());
        }

        @Override
        public boolean changes(Integer fold, Stored s) {
            return s == null || fold != s.sum();
        }

        @Override
        public void markOutcomes(Integer fold, ApplyContext applyContext) {
            records.forEach(r -> applyContext.applied(r.ref()));
        }

        @Override
        public boolean saveIfVersion(Integer fold, Stored s, long expectedVersion, int round) {
            saves.add(expectedVersion);
            if (alwaysRace) {
                return false;
            }
            if (raceOnce != null) {
                stored = raceOnce;
                raceOnce = null;
                return false;
            }
            if (stored.version() != expectedVersion) {
                return false;
            }
            stored = new Stored(fold, expectedVersion + 1);
            return true;
        }
    }

    private static InboundRecord<Integer> record(int n, int value) {
        RecordRef ref = new RecordRef("shardId-000000000000",
                new BigInteger("4959033827149025660855969253836157109592157598913658889" + n).toString(), "k",
                Instant.EPOCH, 10);
        return new InboundRecord<>(ref, value);
    }
}
