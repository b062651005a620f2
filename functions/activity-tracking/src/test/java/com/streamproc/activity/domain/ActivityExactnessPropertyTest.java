package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.ActivityTotals;
import com.streamproc.activity.testing.FaultPlan;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.LambdaShardRunner;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.TestActivity;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the events, the batch boundaries, the redeliveries and the failures (injected at random requests:
 * failed, applied-but-response-lost, partially processed, deadline passed), once Lambda has replayed each shard from
 * the reported records to its end, the stored aggregates equal a reference count of the distinct valid events;
 * whether the events come as plain records or as user records of KPL aggregates (a replay then re-delivers whole
 * aggregates, some of whose user records were already counted).
 */
class ActivityExactnessPropertyTest {
    private static final Instant START = ActivityHarness.NOW.minusSeconds(48 * 3600);
    private static final List<String> USERS = List.of("ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal");
    private static final List<String> ACTIONS = List.of("login", "page.view", "search", "cart.add");
    private static final String INVALID_ACTION = "Not Valid";

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void storedAggregatesEqualTheReference(@ForAll("streams") List<TestActivity> events,
                                           @ForAll long seed,
                                           @ForAll @DoubleRange(min = 0.0, max = 0.35) double faultProbability,
                                           @ForAll @IntRange(min = 1, max = 40) int maxBatch,
                                           @ForAll @IntRange(min = 1, max = 4) int concurrency,
                                           @ForAll @IntRange(min = 0, max = 2) int aggregation) {
        InMemoryActivityStore store = new InMemoryActivityStore(2);
        ActivityHarness harness = new ActivityHarness(store, concurrency);
        store.faults(FaultPlan.random(seed, faultProbability, 40));
        List<ShardRecords> shards = List.of(
                new ShardRecords("shardId-000000000000"),
                new ShardRecords("shardId-000000000001", new BigInteger("49600000000000000000000000000000000000000000000000000")));
        // aggregation 0: plain records; else runs of up to 1 + 3 * aggregation events of a shard are packed into
        // KPL aggregates (users of one shard only, as the KPL packs records by the shard their keys hash to).
        Random packing = new Random(seed ^ 16);
        List<List<TestActivity>> runs = List.of(new ArrayList<>(), new ArrayList<>());
        int[] runLength = new int[2];
        for (TestActivity event : events) {
            int s = USERS.indexOf(event.userId()) % 2;
            if (aggregation == 0) {
                shards.get(s).add(event);
                continue;
            }
            if (runs.get(s).isEmpty()) {
                runLength[s] = 1 + packing.nextInt(1 + 3 * aggregation);
            }
            runs.get(s).add(event);
            if (runs.get(s).size() >= runLength[s]) {
                flush(shards.get(s), runs.get(s));
            }
        }
        for (int s = 0; s < 2; s++) {
            flush(shards.get(s), runs.get(s));
        }
        Statistics.label("aggregation").collect(aggregation);

        int reportedFailures = runLikeLambda(harness, shards, new Random(seed), maxBatch);
        Statistics.label("events").collect(events.size() < 20 ? "<20" : events.size() < 80 ? "20-79" : "80+");
        Statistics.label("invocations that reported a failure")
                .collect(reportedFailures == 0 ? "0" : reportedFailures < 5 ? "1-4" : "5+");

        ActivityTotals expected = ActivityTotals.reference(
                events.stream().filter(e -> !e.action().equals(INVALID_ACTION)).toList());
        ActivityTotals stored = harness.stored(expected);
        assertThat(ActivityTotals.differences(expected, stored)).isEmpty();
        assertThat(storedUserDays(store)).isEqualTo(expected.userDays().keySet().stream()
                .map(key -> key.itemKey().pk() + "|" + key.itemKey().sk()).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(storedActionHours(store)).isEqualTo(expected.actionHours().keySet().stream()
                .map(actionHour -> ActivityTableLayout.ACTION_PREFIX + actionHour.replace('@', '#'))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Alternates between the shards; each invocation gets a batch of random size from the shard's checkpoint, and the
     * next one starts at the reported record (or after the batch). Now and then (at most five times, so that the run
     * ends) a shard is rewound to an earlier point, as when Lambda delivers already processed records again.
     */
    /** @return how many invocations reported a failure */
    private static int runLikeLambda(ActivityHarness harness, List<ShardRecords> shards, Random random, int maxBatch) {
        int reportedFailures = 0;
        int[] checkpoints = new int[shards.size()];
        List<LambdaShardRunner> runners = shards.stream().map(s -> harness.runner()).toList();
        int rewinds = 5;
        for (int step = 0; ; step++) {
            assertThat(step).as("shards not through after 2000 invocations").isLessThan(2000);
            List<Integer> open = new ArrayList<>();
            for (int s = 0; s < shards.size(); s++) {
                if (checkpoints[s] < shards.get(s).size()) {
                    open.add(s);
                }
            }
            if (open.isEmpty()) {
                return reportedFailures;
            }
            int s = open.get(random.nextInt(open.size()));
            ShardRecords shard = shards.get(s);
            if (checkpoints[s] > 0 && rewinds > 0 && random.nextInt(8) == 0) {
                rewinds--;
                checkpoints[s] = random.nextInt(checkpoints[s]);
            }
            int to = Math.min(shard.size(), checkpoints[s] + 1 + random.nextInt(maxBatch));
            StreamsEventResponse response = runners.get(s).invoke(shard, checkpoints[s], to);
            if (response.getBatchItemFailures().isEmpty()) {
                checkpoints[s] = to;
            } else {
                reportedFailures++;
                checkpoints[s] = shard.indexOf(response.getBatchItemFailures().get(0).getItemIdentifier());
            }
        }
    }

    /** A single event as a plain record, more as a KPL aggregate. */
    private static void flush(ShardRecords shard, List<TestActivity> run) {
        if (run.size() == 1) {
            shard.add(run.get(0));
        } else if (!run.isEmpty()) {
            shard.addAggregate(List.copyOf(run));
        }
        run.clear();
    }

    private static Set<String> storedUserDays(InMemoryActivityStore store) {
        return store.items().keySet().stream().filter(k -> k.pk().startsWith(ActivityTableLayout.USER_PREFIX))
                .map(k -> k.pk() + "|" + k.sk()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> storedActionHours(InMemoryActivityStore store) {
        return store.items().keySet().stream().map(ItemKey::pk)
                .filter(pk -> pk.startsWith(ActivityTableLayout.ACTION_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Up to 150 events of 8 users and 4 actions over the 48 hours before "now"; about one in eight repeats an earlier
     * event (a producer's duplicate), about one in twenty has an invalid action (poison, never counted).
     */
    @Provide
    Arbitrary<List<TestActivity>> streams() {
        Arbitrary<int[]> steps = Combinators.combine(
                Arbitraries.integers().between(0, USERS.size() - 1),
                Arbitraries.integers().between(0, ACTIONS.size() - 1),
                Arbitraries.integers().between(0, 48 * 3600 * 1000 - 1),
                Arbitraries.integers().between(0, 39)).as((user, action, millis, kind) -> new int[]{user, action, millis, kind});
        return steps.list().ofMinSize(1).ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform()).map(list -> {
            List<TestActivity> events = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                int[] step = list.get(i);
                if (step[3] < 5 && !events.isEmpty()) {
                    events.add(events.get(step[2] % events.size()));
                } else {
                    String action = step[3] < 7 ? INVALID_ACTION : ACTIONS.get(step[1]);
                    events.add(new TestActivity("e-" + i, USERS.get(step[0]), action, START.plusMillis(step[2])));
                }
            }
            return events;
        });
    }
}
