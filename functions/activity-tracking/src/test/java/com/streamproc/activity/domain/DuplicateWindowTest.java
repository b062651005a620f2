package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.ActivityTotals;
import com.streamproc.activity.testing.FaultPlan;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.LambdaShardRunner;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.TestActivity;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.shared.testing.ShardReplay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The producer-duplicate window of the user-day item ({@link RecentEvents}): what is caught, what is not, and that
 * the entries Lambda may still need are never evicted, with hot users far beyond {@link RecentEvents#KEEP} events,
 * redeliveries and injected faults.
 */
class DuplicateWindowTest {
    private static final Instant DAY = Instant.parse("2026-11-27T00:00:00Z");

    private static TestActivity event(String id, String user, int minute) {
        return new TestActivity(id, user, minute % 2 == 0 ? "page.view" : "search", DAY.plusSeconds(minute * 60L));
    }

    private static long total(ActivityHarness harness, String user) {
        return harness.queries().userDay(user, LocalDate.parse("2026-11-27")).orElseThrow().total();
    }

    @Test
    void aDuplicateInALaterBatchIsDroppedWhileTheFirstCopyIsAmongTheRecentEvents() {
        InMemoryActivityStore store = new InMemoryActivityStore(3);
        ActivityHarness harness = new ActivityHarness(store);
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        shard.add(event("first", "ann", 1));
        for (int i = 0; i < RecentEvents.KEEP - 1; i++) {
            shard.add(event("other-" + i, "ann", 2 + i % 600));
        }
        shard.add(event("first", "ann", 1));
        LambdaShardRunner runner = harness.runner();

        runner.runFrom(shard, 0, 50, 100);

        assertThat(total(harness, "ann")).isEqualTo(RecentEvents.KEEP);
    }

    @Test
    void aDuplicateAfterMoreThanTheWindowOfOtherEventsOfItsUserDayCountsAgain() {
        InMemoryActivityStore store = new InMemoryActivityStore(3);
        ActivityHarness harness = new ActivityHarness(store);
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        shard.add(event("first", "ann", 1));
        for (int i = 0; i < 299; i++) {
            shard.add(event("other-" + i, "ann", 2 + i % 600));
        }
        shard.add(event("first", "ann", 1)); // alone in the last batch of 50: 300 events counted before its batch

        harness.runner().runFrom(shard, 0, 50, 100);

        assertThat(total(harness, "ann")).as("documented: beyond the window a duplicate counts again")
                .isEqualTo(301);
    }

    @Test
    void theWindowIsKeptAndBounded() {
        InMemoryActivityStore store = new InMemoryActivityStore(3);
        ActivityHarness harness = new ActivityHarness(store);
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        for (int i = 0; i < 2_000; i++) {
            shard.add(event("e-" + i, "ann", i % 1_400));
        }

        harness.runner().runFrom(shard, 0, 500, 100);

        byte[] ids = store.items().entrySet().stream()
                .filter(e -> e.getKey().pk().startsWith(ActivityTableLayout.USER_PREFIX))
                .findFirst().orElseThrow().getValue().get(RecentEvents.IDS).b().asByteArray();
        assertThat(ids.length / RecentEvents.ENTRY_BYTES).as("256 older + the last batch's 500")
                .isLessThanOrEqualTo(RecentEvents.KEEP + 500);
        assertThat(total(harness, "ann")).isEqualTo(2_000);
    }

    /**
     * Hot users with hundreds of events per batch (far beyond the window), duplicates close to their first copy,
     * random faults, random batch sizes and redeliveries from earlier checkpoints: the result equals the reference.
     */
    @Test
    void hotUsersBeyondTheWindowStayExactUnderFaultsAndRedeliveries() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            List<TestActivity> events = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                String user = random.nextInt(10) < 8 ? "hot-" + random.nextInt(2) : "cold-" + random.nextInt(20);
                if (!events.isEmpty() && random.nextInt(12) == 0) {
                    // A duplicate of one of the last 40 events (well within the window).
                    events.add(events.get(Math.max(0, events.size() - 1 - random.nextInt(40))));
                } else {
                    events.add(event("e-" + i, user, random.nextInt(1_400)));
                }
            }
            ShardRecords shard = new ShardRecords("shardId-000000000000");
            events.forEach(shard::add);
            InMemoryActivityStore store = new InMemoryActivityStore(3);
            ActivityHarness harness = new ActivityHarness(store, 1 + (int) (seed % 4));
            store.faults(FaultPlan.random(seed, 0.15, 60));
            LambdaShardRunner runner = harness.runner();

            runner.runFrom(shard, 0, new ShardReplay.Batching() {
                private int rewinds = 4;

                @Override
                public int start(int checkpoint) {
                    if (checkpoint > 0 && rewinds > 0 && random.nextInt(6) == 0) {
                        rewinds--;
                        return random.nextInt(checkpoint);
                    }
                    return checkpoint;
                }

                @Override
                public int end(int start, int highest) {
                    return start + 1 + random.nextInt(400);
                }
            }, 2_000);

            ActivityTotals expected = ActivityTotals.reference(events);
            assertThat(ActivityTotals.differences(expected, harness.stored(expected))).as("seed %d", seed).isEmpty();
        }
    }
}
