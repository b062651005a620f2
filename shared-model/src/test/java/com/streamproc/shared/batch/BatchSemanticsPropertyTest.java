package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ManualNanoClock;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Rules a–d of {@link BatchProcessor} for random batches, keys, poison and failure positions, concurrency and
 * deadlines; and Lambda's replay loop converging to every record applied once, in per-key order. Records are
 * plain, or user records of KPL aggregates (random runs packed with {@link com.streamproc.shared.kpl.KplAggregateWriter}):
 * the rules hold per user record, and a replay re-delivers a whole aggregate.
 */
class BatchSemanticsPropertyTest {
    /** THROWS: applying it always throws an unexpected exception (a bug that one record triggers). */
    enum Kind { OK, BAD_JSON, POISON_ON_APPLY, FAILS_ONCE, THROWS }

    record Spec(String key, Kind kind) {
    }

    @Provide
    Arbitrary<List<Spec>> batches() {
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.of("k0", "k1", "k2", "k3", "k4"),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(12, Arbitraries.just(Kind.OK)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.BAD_JSON)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.POISON_ON_APPLY)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.FAILS_ONCE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.THROWS)))).as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(60);
    }

    /** Applies records, failing each FAILS_ONCE record on its first attempt only; records what it applied. */
    static final class ScriptedStore implements RecordApplier<TestEvent> {
        final Map<Integer, Kind> kindByN;
        final Set<Integer> failedBefore = ConcurrentHashMap.newKeySet();
        final List<Integer> applications = java.util.Collections.synchronizedList(new ArrayList<>());
        final ManualNanoClock clock;
        final Duration costPerRecord;

        ScriptedStore(Map<Integer, Kind> kindByN, ManualNanoClock clock, Duration costPerRecord) {
            this.kindByN = kindByN;
            this.clock = clock;
            this.costPerRecord = costPerRecord;
        }

        @Override
        public void apply(InboundRecord<TestEvent> record, com.streamproc.shared.retry.TransientRetry retry)
                throws PoisonRecordException {
            int n = record.event().n();
            clock.advance(costPerRecord);
            Kind kind = kindByN.get(n);
            if (kind == Kind.POISON_ON_APPLY) {
                throw new PoisonRecordException("INVALID_TRANSITION", "scripted");
            }
            if (kind == Kind.THROWS) {
                throw new IllegalStateException("scripted bug");
            }
            if (kind == Kind.FAILS_ONCE && failedBefore.add(n)) {
                throw new com.streamproc.shared.retry.TransientFailureException("scripted outage");
            }
            applications.add(n);
        }
    }

    /**
     * The same store behind a whole-batch applier that lets an unexpected exception escape, as an aggregating
     * applier would: the core must find the record that causes it.
     */
    static BatchApplier<TestEvent> wholeBatch(ScriptedStore store) {
        return (records, context) -> {
            Set<String> stopped = new HashSet<>();
            for (InboundRecord<TestEvent> record : records) {
                String key = record.event().key();
                if (stopped.contains(key) || context.deadline().expired()) {
                    continue;
                }
                try {
                    store.apply(record, context.retry());
                    context.applied(record.ref());
                } catch (PoisonRecordException poison) {
                    context.poison(record.ref(), poison);
                } catch (com.streamproc.shared.retry.TransientFailureException outage) {
                    context.failed(record.ref(), outage);
                    stopped.add(key);
                }
            }
        };
    }

    static BatchApplier<TestEvent> applier(ScriptedStore store, boolean wholeBatch, int concurrency) {
        return wholeBatch ? wholeBatch(store) : RecordApplier.perRecord(store, concurrency);
    }

    static boolean isPoison(Kind kind) {
        return kind == Kind.BAD_JSON || kind == Kind.POISON_ON_APPLY || kind == Kind.THROWS;
    }

    /**
     * How the records (by {@code n}) are packed into Kinesis records: Kinesis record {@code i} holds
     * {@code groups.get(i)}, as a KPL aggregate when {@code aggregated.get(i)} (user record {@code j} is
     * {@code groups.get(i).get(j)}), else as a plain record. Records keep their order: sequence order is {@code n}
     * order.
     */
    record Layout(List<List<Integer>> groups, List<Boolean> aggregated) {
        /** All plain when {@code seed} is a multiple of 3, else random runs of 1–6 records aggregated. */
        static Layout of(int size, long seed) {
            java.util.Random random = new java.util.Random(seed);
            boolean allPlain = Math.floorMod(seed, 3) == 0;
            List<List<Integer>> groups = new ArrayList<>();
            List<Boolean> aggregated = new ArrayList<>();
            int n = 0;
            while (n < size) {
                boolean aggregate = !allPlain && random.nextInt(3) != 0;
                int count = aggregate ? 1 + random.nextInt(Math.min(6, size - n)) : 1;
                List<Integer> group = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    group.add(n++);
                }
                groups.add(group);
                aggregated.add(aggregate);
            }
            return new Layout(groups, aggregated);
        }

        int groupOf(int n) {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).contains(n)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no record " + n);
        }

        /** The record a quarantined or applied ref stands for. */
        int recordOf(RecordRef ref) {
            List<Integer> group = groups.get(offsetOf(ref.sequenceNumber()));
            return group.get(ref.subSequenceNumber() == null ? 0 : ref.subSequenceNumber().intValue());
        }
    }

    private static String dataOf(List<Spec> specs, int n) {
        Spec spec = specs.get(n);
        return spec.kind() == Kind.BAD_JSON ? "{\"key\":" : TestEvent.json(spec.key(), n);
    }

    /** The batch from Kinesis record {@code from} on. */
    private static KinesisEvent eventOf(List<Spec> specs, Layout layout, int from) {
        KinesisEventFixture fixture = KinesisEventFixture.batch()
                .sequence(KinesisEventFixture.FIRST_SEQUENCE.add(BigInteger.valueOf(from)));
        for (int i = from; i < layout.groups().size(); i++) {
            List<Integer> group = layout.groups().get(i);
            if (layout.aggregated().get(i)) {
                com.streamproc.shared.kpl.KplAggregateWriter aggregate = new com.streamproc.shared.kpl.KplAggregateWriter();
                for (int n : group) {
                    aggregate.add(specs.get(n).key(), null, dataOf(specs, n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                fixture.recordBytes(specs.get(group.get(0)).key(), aggregate.build());
            } else {
                int n = group.get(0);
                fixture.record(specs.get(n).key(), dataOf(specs, n));
            }
        }
        return fixture.build();
    }

    private static int offsetOf(String sequenceNumber) {
        return new BigInteger(sequenceNumber).subtract(KinesisEventFixture.FIRST_SEQUENCE).intValueExact();
    }

    private static Map<Integer, Kind> kinds(List<Spec> specs) {
        Map<Integer, Kind> kinds = new HashMap<>();
        for (int n = 0; n < specs.size(); n++) {
            kinds.put(n, specs.get(n).kind());
        }
        return kinds;
    }

    @Property(tries = 300)
    void oneInvocationObeysOrderPoisonFailureAndDeadlineRules(@ForAll("batches") List<Spec> specs,
                                                              @ForAll @IntRange(min = 1, max = 4) int concurrency,
                                                              @ForAll @IntRange(min = 1, max = 80) int secondsLeft,
                                                              @ForAll boolean wholeBatch,
                                                              @ForAll long layoutSeed) {
        Layout layout = Layout.of(specs.size(), layoutSeed);
        ManualNanoClock clock = new ManualNanoClock();
        ScriptedStore store = new ScriptedStore(kinds(specs), clock, Duration.ofSeconds(1));
        InMemoryQuarantine quarantine = new InMemoryQuarantine();
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(TestEvent.decoder(),
                applier(store, wholeBatch, concurrency), quarantine,
                BatchProcessorConfig.defaults("property").withDeadlineMargin(Duration.ofMillis(500))
                        .withRetryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)),
                summary -> { }, Clock.systemUTC(), clock);

        StreamsEventResponse response = processor.process(eventOf(specs, layout, 0),
                new FakeLambdaContext("property", secondsLeft * 1000L, clock));

        Set<Integer> applied = new HashSet<>(store.applications);
        Set<Integer> quarantined = new HashSet<>();
        quarantine.stored().keySet().forEach(ref -> quarantined.add(layout.recordOf(ref)));

        // a: per key, applications are in increasing sequence order, each at most once.
        assertThat(store.applications).doesNotHaveDuplicates();
        Map<String, Integer> lastPerKey = new HashMap<>();
        for (int n : store.applications) {
            String key = specs.get(n).key();
            assertThat(n).isGreaterThan(lastPerKey.getOrDefault(key, -1));
            lastPerKey.put(key, n);
        }
        // b: poison is only ever quarantined, never applied (whether it was quarantined before the deadline is
        // covered by the reported record below, and by the replay property).
        for (int n = 0; n < specs.size(); n++) {
            Kind kind = specs.get(n).kind();
            if (isPoison(kind)) {
                assertThat(applied).doesNotContain(n);
            }
        }
        // c: after a failed record, nothing later of its key is applied.
        for (int n : store.failedBefore) {
            String key = specs.get(n).key();
            for (int later : applied) {
                if (later > n) {
                    assertThat(specs.get(later).key()).isNotEqualTo(key);
                }
            }
        }
        // c, d: exactly the earliest record neither applied nor quarantined is reported: for a user record, the
        // sequence number of its aggregate, the only one Lambda can checkpoint.
        Integer earliestUnhandled = null;
        for (int n = 0; n < specs.size(); n++) {
            if (!applied.contains(n) && !quarantined.contains(n)) {
                earliestUnhandled = n;
                break;
            }
        }
        List<Integer> reported = response.getBatchItemFailures().stream()
                .map(f -> offsetOf(f.getItemIdentifier())).toList();
        if (earliestUnhandled == null) {
            assertThat(reported).isEmpty();
            for (int n = 0; n < specs.size(); n++) {
                if (isPoison(specs.get(n).kind())) {
                    assertThat(quarantined).contains(n);
                }
            }
        } else {
            assertThat(reported).containsExactly(layout.groupOf(earliestUnhandled));
        }
    }

    @Property(tries = 200)
    void lambdasReplayLoopAppliesEveryRecordOnceInKeyOrder(@ForAll("batches") List<Spec> specs,
                                                          @ForAll @IntRange(min = 1, max = 4) int concurrency,
                                                          @ForAll boolean wholeBatch,
                                                          @ForAll long layoutSeed) {
        Layout layout = Layout.of(specs.size(), layoutSeed);
        ManualNanoClock clock = new ManualNanoClock();
        ScriptedStore store = new ScriptedStore(kinds(specs), clock, Duration.ZERO);
        InMemoryQuarantine quarantine = new InMemoryQuarantine();
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(TestEvent.decoder(),
                applier(store, wholeBatch, concurrency), quarantine,
                BatchProcessorConfig.defaults("property")
                        .withRetryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)),
                summary -> { }, Clock.systemUTC(), clock);

        // Lambda: checkpoint below the reported record, invoke again from it, until nothing is reported.
        Set<Integer> stored = new HashSet<>();
        Map<String, List<Integer>> firstApplicationOrder = new HashMap<>();
        int from = 0;
        int kinesisRecords = layout.groups().size();
        for (int invocation = 0; invocation <= specs.size(); invocation++) {
            int before = store.applications.size();
            StreamsEventResponse response = processor.process(eventOf(specs, layout, from),
                    new FakeLambdaContext("property", 60_000, clock));
            for (int n : store.applications.subList(before, store.applications.size())) {
                if (stored.add(n)) {
                    firstApplicationOrder.computeIfAbsent(specs.get(n).key(), k -> new ArrayList<>()).add(n);
                }
            }
            if (response.getBatchItemFailures().isEmpty()) {
                from = kinesisRecords;
                break;
            }
            int reported = offsetOf(response.getBatchItemFailures().get(0).getItemIdentifier());
            assertThat(reported).isGreaterThanOrEqualTo(from);
            from = reported;
        }

        assertThat(from).as("the replay loop finished").isEqualTo(kinesisRecords);
        for (int n = 0; n < specs.size(); n++) {
            Kind kind = specs.get(n).kind();
            boolean poison = isPoison(kind);
            assertThat(stored.contains(n)).as("record %d applied", n).isEqualTo(!poison);
        }
        firstApplicationOrder.values().forEach(order -> assertThat(order).isSorted());
        assertThat(quarantine.stored()).hasSize((int) specs.stream()
                .filter(s -> isPoison(s.kind())).count());
    }
}
