package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.ActivityTotals;
import com.streamproc.activity.testing.FaultPlan;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.LambdaShardRunner;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.StoreFault;
import com.streamproc.activity.testing.TestActivity;
import com.streamproc.shared.decode.ReasonCodes;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Every event counts exactly once, whatever Lambda and DynamoDB do: duplicates, replays, bisects, failures. */
class ActivityExactnessTest {
    private final InMemoryActivityStore store = new InMemoryActivityStore(3);
    private final ActivityHarness harness = new ActivityHarness(store);

    private static TestActivity event(int n, String user, String action, String at) {
        return new TestActivity("e-" + n, user, action, Instant.parse(at));
    }

    /** 12 events of 4 users over two days and three hours, with one late event. */
    private static List<TestActivity> twelveEvents() {
        List<TestActivity> events = new ArrayList<>();
        String[] users = {"alice", "bob", "carol", "dave"};
        String[] actions = {"page.view", "search", "cart.add"};
        String[] times = {"2026-11-27T23:10:00Z", "2026-11-27T23:59:59.999Z", "2026-11-28T00:00:00Z",
            "2026-11-28T01:30:00.123456Z"};
        for (int i = 0; i < 11; i++) {
            events.add(event(i, users[i % 4], actions[i % 3], times[i % 4]));
        }
        events.add(event(11, "alice", "search", "2026-11-20T08:00:00Z"));
        return events;
    }

    private static ShardRecords shardOf(List<TestActivity> events) {
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        events.forEach(shard::add);
        return shard;
    }

    private ActivityTotals storedLike(ActivityTotals expected) {
        return harness.stored(expected);
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void batchCountsEachEventPerUserDayActionHourAndDay() {
        List<TestActivity> events = twelveEvents();
        ShardRecords shard = shardOf(events);

        StreamsEventResponse response = harness.runner().invoke(shard, 0, shard.size());

        assertThat(reported(response)).isEmpty();
        ActivityTotals expected = ActivityTotals.reference(events);
        assertThat(storedLike(expected)).isEqualTo(expected);
        UserDayActivity alice = harness.queries().userDay("alice", LocalDate.parse("2026-11-27")).orElseThrow();
        assertThat(alice.total()).isEqualTo(3);
        assertThat(alice.firstSeen()).isEqualTo(Instant.parse("2026-11-27T23:10:00Z"));
        UserDayActivity dave = harness.queries().userDay("dave", LocalDate.parse("2026-11-28")).orElseThrow();
        assertThat(dave.lastSeen()).as("kept to the millisecond").isEqualTo(Instant.parse("2026-11-28T01:30:00.123Z"));
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-28"))).isEqualTo(2);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-27"))).isEqualTo(2);
        assertThat(harness.queries().actionHour("search", LocalDateTime.parse("2026-11-20T08:00"))).isEqualTo(1);
    }

    @Test
    void lateEventCountsInItsOwnDay() {
        ShardRecords shard = shardOf(List.of(event(1, "alice", "login", "2026-11-28T05:00:00Z"),
                event(2, "alice", "login", "2026-11-01T10:15:00Z")));

        harness.runner().invoke(shard, 0, shard.size());

        assertThat(harness.queries().userDay("alice", LocalDate.parse("2026-11-01")).orElseThrow().total()).isEqualTo(1);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-01"))).isEqualTo(1);
        assertThat(harness.queries().actionHour("login", LocalDateTime.parse("2026-11-01T10:00"))).isEqualTo(1);
    }

    @Test
    void duplicateEventIdInOneBatchCountsOnce() {
        TestActivity original = event(1, "alice", "login", "2026-11-28T05:00:00Z");
        List<TestActivity> events = List.of(original, event(2, "alice", "search", "2026-11-28T05:01:00Z"), original);
        ShardRecords shard = shardOf(events);

        StreamsEventResponse response = harness.runner().invoke(shard, 0, shard.size());

        assertThat(reported(response)).isEmpty();
        assertThat(harness.queries().userDay("alice", LocalDate.parse("2026-11-28")).orElseThrow().total()).isEqualTo(2);
        assertThat(storedLike(ActivityTotals.reference(events))).isEqualTo(ActivityTotals.reference(events));
    }

    @Test
    void duplicateEventIdInALaterBatchCountsOnce() {
        TestActivity original = event(1, "alice", "login", "2026-11-28T05:00:00Z");
        List<TestActivity> events = List.of(original, event(2, "bob", "login", "2026-11-28T05:00:00Z"), original);
        ShardRecords shard = shardOf(events);
        LambdaShardRunner runner = harness.runner();

        runner.invoke(shard, 0, 2);
        StreamsEventResponse second = runner.invoke(shard, 2, 3);

        assertThat(reported(second)).isEmpty();
        assertThat(harness.queries().actionHour("login", LocalDateTime.parse("2026-11-28T05:00"))).isEqualTo(2);
        assertThat(storedLike(ActivityTotals.reference(events))).isEqualTo(ActivityTotals.reference(events));
    }

    @Test
    void replayedBatchChangesNothing() {
        ShardRecords shard = shardOf(twelveEvents());
        LambdaShardRunner runner = harness.runner();
        runner.invoke(shard, 0, shard.size());
        store.resetCounts();

        StreamsEventResponse replay = runner.invoke(shard, 0, shard.size());

        assertThat(reported(replay)).isEmpty();
        assertThat(storedLike(ActivityTotals.reference(twelveEvents()))).isEqualTo(ActivityTotals.reference(twelveEvents()));
        assertThat(store.writeRequests()).as("a fully applied batch is recognised by its marks").isZero();
    }

    @Test
    void replayOfSuffixChangesNothing() {
        ShardRecords shard = shardOf(twelveEvents());
        LambdaShardRunner runner = harness.runner();
        runner.invoke(shard, 0, shard.size());

        runner.invoke(shard, 7, shard.size());

        assertThat(storedLike(ActivityTotals.reference(twelveEvents()))).isEqualTo(ActivityTotals.reference(twelveEvents()));
    }

    @Test
    void bisectedBatchCountsLikeTheWholeBatchAndReplayedHalvesChangeNothing() {
        ShardRecords shard = shardOf(twelveEvents());
        LambdaShardRunner runner = harness.runner();

        runner.invoke(shard, 0, 6);
        runner.invoke(shard, 6, 12);
        runner.invoke(shard, 0, 6);
        runner.invoke(shard, 6, 12);
        runner.invoke(shard, 3, 9);

        assertThat(storedLike(ActivityTotals.reference(twelveEvents()))).isEqualTo(ActivityTotals.reference(twelveEvents()));
    }

    @Test
    void failedUserDayWriteIsReportedAndItsReplayCountsEachEventOnce() {
        List<TestActivity> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(event(i, "user-" + (i % 40), i % 2 == 0 ? "login" : "search", "2026-11-28T05:00:00Z"));
        }
        ShardRecords shard = shardOf(events);
        // 40 user-day items: the second BatchWriteItem (items 26-40) fails for good (both attempts).
        store.faults(failAlways(InMemoryActivityStore.BATCH_WRITE, 2, 3));
        LambdaShardRunner runner = harness.runner();

        StreamsEventResponse first = runner.invoke(shard, 0, shard.size());

        assertThat(reported(first)).hasSize(1);
        int replayFrom = shard.indexOf(reported(first).get(0));
        assertThat(replayFrom).isGreaterThan(0);
        // The action-hour puts run alongside the user-day puts, so they may hold events whose user-day put failed;
        // the replay counts those in their user-day items only (each item's mark covers what it holds).
        assertThat(storedSum(ActivityTableLayout.USER_PREFIX, "total")).isLessThan(60);
        store.faults(FaultPlan.none());
        runner.runFrom(shard, replayFrom, 100, 5);
        assertThat(storedLike(ActivityTotals.reference(events))).isEqualTo(ActivityTotals.reference(events));
    }

    @Test
    void lostResponsesOfWritesCountNothingTwice() {
        List<TestActivity> events = twelveEvents();
        ShardRecords shard = shardOf(events);
        for (String operation : List.of(InMemoryActivityStore.BATCH_WRITE, InMemoryActivityStore.PUT)) {
            for (int n = 1; n <= 4; n++) {
                InMemoryActivityStore fresh = new InMemoryActivityStore(3);
                ActivityHarness run = new ActivityHarness(fresh);
                fresh.faults(failAlways(operation, n, n + 1, StoreFault.LOST_RESPONSE));

                run.runner().runFrom(shard, 0, shard.size(), 5);

                assertThat(run.stored(ActivityTotals.reference(events)))
                        .as("lost response of %s #%d", operation, n).isEqualTo(ActivityTotals.reference(events));
            }
        }
    }

    @Test
    void failedItemReadHoldsRecordsBackWithoutLosingThem() {
        List<TestActivity> events = twelveEvents();
        ShardRecords shard = shardOf(events);
        store.faults(failAlways(InMemoryActivityStore.BATCH_GET, 1, 2));
        LambdaShardRunner runner = harness.runner();

        StreamsEventResponse first = runner.invoke(shard, 0, shard.size());

        assertThat(reported(first)).containsExactly(shard.records().get(0).sequence().toString());
        assertThat(store.items()).isEmpty();
        runner.runFrom(shard, 0, shard.size(), 3);
        assertThat(storedLike(ActivityTotals.reference(events))).isEqualTo(ActivityTotals.reference(events));
    }

    @Test
    void deadlinePassingMidBatchLeavesTheRestForTheReplay() {
        List<TestActivity> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event(i, "user-" + (i % 70), "page.view", "2026-11-28T0" + (i % 6) + ":00:00Z"));
        }
        ShardRecords shard = shardOf(events);
        store.faults(FaultPlan.nth(InMemoryActivityStore.BATCH_WRITE, 2, StoreFault.DEADLINE));
        LambdaShardRunner runner = harness.runner();

        StreamsEventResponse first = runner.invoke(shard, 0, shard.size());

        assertThat(reported(first)).hasSize(1);
        runner.runFrom(shard, shard.indexOf(reported(first).get(0)), shard.size(), 3);
        assertThat(storedLike(ActivityTotals.reference(events))).isEqualTo(ActivityTotals.reference(events));
    }

    @Test
    void twoShardsProcessedConcurrentlyCountExactly() throws Exception {
        List<TestActivity> left = new ArrayList<>();
        List<TestActivity> right = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Same actions and hours in both shards (shared action-hour partitions), users split by shard.
            TestActivity e = event(i, (i % 2 == 0 ? "even-" : "odd-") + (i % 30), i % 3 == 0 ? "login" : "search",
                    "2026-11-28T0" + (i % 4) + ":" + String.format("%02d", i % 60) + ":00Z");
            (i % 2 == 0 ? left : right).add(e);
        }
        left.add(left.get(5));
        right.add(right.get(7));
        ShardRecords shardA = new ShardRecords("shardId-000000000001", new BigInteger("49600000000000000000000000000000000000000000000000000001"));
        ShardRecords shardB = new ShardRecords("shardId-000000000002", new BigInteger("49600000000000000000000000000000000000000000000000000001"));
        left.forEach(shardA::add);
        right.forEach(shardB::add);
        CountDownLatch start = new CountDownLatch(1);
        ActivityHarness concurrent = new ActivityHarness(store, 4);

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            await(start);
            concurrent.runner().runFrom(shardA, 0, 37, 100);
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            await(start);
            concurrent.runner().runFrom(shardB, 0, 41, 100);
        });
        start.countDown();
        CompletableFuture.allOf(a, b).get();

        List<TestActivity> all = new ArrayList<>(left);
        all.addAll(right);
        ActivityTotals expected = ActivityTotals.reference(all);
        assertThat(expected.totalEvents()).isEqualTo(400);
        assertThat(concurrent.stored(expected)).isEqualTo(expected);
    }

    @Test
    void poisonIsQuarantinedWithItsReasonAndNotCounted() {
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        shard.add(event(1, "alice", "login", "2026-11-28T05:00:00Z"));
        shard.add("alice", event(2, "alice", "login", "2026-11-28T06:06:00Z").json());
        shard.add("alice", event(3, "alice", "Log In", "2026-11-28T05:00:00Z").json());
        shard.add("alice", event(4, "alice", "login", "2026-11-28T05:00:00Z").json()
                .replace("\"page\":\"/home\"", "\"page\":{\"path\":\"/home\"}"));
        shard.add("bob", event(5, "alice", "login", "2026-11-28T05:00:00Z").json());
        shard.add("alice", "{not json");
        shard.add(event(6, "alice", "search", "2026-11-28T05:00:00Z"));

        StreamsEventResponse response = harness.runner().invoke(shard, 0, shard.size());

        assertThat(reported(response)).isEmpty();
        assertThat(harness.quarantine().reasonsBySequence().values()).containsExactly(
                ActivityReasonCodes.FUTURE_TIMESTAMP, ActivityReasonCodes.INVALID_ACTION,
                ActivityReasonCodes.INVALID_ATTRIBUTES, ActivityReasonCodes.PARTITION_KEY_MISMATCH,
                ReasonCodes.MALFORMED_JSON);
        assertThat(harness.queries().userDay("alice", LocalDate.parse("2026-11-28")).orElseThrow().total()).isEqualTo(2);
    }

    @Test
    void hotUserWithThousandsOfEventsIsOneUserDayWrite() {
        List<TestActivity> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(event(i, "hot-user", i % 3 == 0 ? "page.view" : "search",
                    "2026-11-28T05:" + String.format("%02d:%02d", (i / 60) % 60, i % 60) + "Z"));
        }
        ShardRecords shard = shardOf(events);

        StreamsEventResponse response = harness.runner().invoke(shard, 0, shard.size());

        assertThat(reported(response)).isEmpty();
        assertThat(store.writesOf(new UserDayKey("hot-user", LocalDate.parse("2026-11-28")).itemKey())).isEqualTo(1);
        assertThat(store.requests(InMemoryActivityStore.PUT)).as("one per action-hour").isEqualTo(2);
        assertThat(store.requests(InMemoryActivityStore.BATCH_WRITE)).as("1 user-day request, no markers")
                .isEqualTo(1);
        assertThat(harness.queries().userDay("hot-user", LocalDate.parse("2026-11-28")).orElseThrow().total())
                .isEqualTo(3000);
    }

    private long storedSum(String pkPrefix, String attribute) {
        return store.items().entrySet().stream().filter(e -> e.getKey().pk().startsWith(pkPrefix))
                .mapToLong(e -> Long.parseLong(e.getValue().get(attribute).n())).sum();
    }

    private static FaultPlan failAlways(String operation, int fromCall, int toCall) {
        return failAlways(operation, fromCall, toCall, StoreFault.FAIL);
    }

    /** {@code fault} on calls {@code fromCall..toCall} (1-based, inclusive) of {@code operation}. */
    private static FaultPlan failAlways(String operation, int fromCall, int toCall, StoreFault fault) {
        int[] seen = {0};
        return op -> {
            if (!op.equals(operation)) {
                return StoreFault.NONE;
            }
            synchronized (seen) {
                seen[0]++;
                return seen[0] >= fromCall && seen[0] <= toCall ? fault : StoreFault.NONE;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
