package com.streamproc.local.esm;

import static com.streamproc.local.esm.TestRecords.SHARD;
import static com.streamproc.local.esm.TestRecords.SOURCE;
import static com.streamproc.local.esm.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardPollerTest {

    private final TestRecords.MutableClock clock = new TestRecords.MutableClock(T0);
    private final EsmCounters counters = new EsmCounters();

    /** A shard whose records a test appends; each read returns what is new. */
    private static final class ScriptedShard implements ShardReader {
        private final List<StreamRecord> records = Collections.synchronizedList(new ArrayList<>());
        private int position;

        void append(List<StreamRecord> more) {
            records.addAll(more);
        }

        @Override
        public synchronized List<StreamRecord> read(int maxRecords) {
            int end = Math.min(records.size(), position + maxRecords);
            List<StreamRecord> out = new ArrayList<>(records.subList(position, end));
            position = end;
            return out;
        }
    }

    private BatchRunner runner(EsmSettings settings, FunctionInvoker function) {
        return new BatchRunner(settings, SOURCE, function, FailureDestination.NONE, counters, clock,
                BatchRunner.Pause.NONE, () -> UUID.randomUUID().toString(), () -> false);
    }

    @Test
    void batchSizeIsRespected() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(250, 1, T0));
        EsmSettings settings = EsmSettings.defaults().withBatchSize(100);
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        poller.readOnce(10_000);
        while (poller.runDueBatches(runner(settings, function)) > 0) {
            // run until nothing is due
        }

        assertThat(function.invocations).extracting(KinesisBatch::size).containsExactly(100, 100, 50);
        assertThat(counters.succeeded()).isEqualTo(250);
    }

    @Test
    void batchingWindowHoldsASmallBatchUntilItEnds() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(3, 1, T0));
        EsmSettings settings = EsmSettings.defaults().withBatchSize(10).withBatchingWindow(Duration.ofSeconds(5));
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();
        BatchRunner runner = runner(settings, function);

        poller.readOnce(10_000);
        int dueAtStart = poller.runDueBatches(runner);
        clock.advance(Duration.ofMillis(4_999));
        int dueJustBefore = poller.runDueBatches(runner);
        clock.advance(Duration.ofMillis(1));
        int dueAtWindowEnd = poller.runDueBatches(runner);

        assertThat(dueAtStart).isZero();
        assertThat(dueJustBefore).isZero();
        assertThat(dueAtWindowEnd).isEqualTo(1);
        assertThat(function.invocations).extracting(KinesisBatch::size).containsExactly(3);
    }

    @Test
    void aFullBatchDoesNotWaitForTheWindow() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(5, 1, T0));
        EsmSettings settings = EsmSettings.defaults().withBatchSize(2).withBatchingWindow(Duration.ofSeconds(5));
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();
        BatchRunner runner = runner(settings, function);

        poller.readOnce(10_000);
        poller.runDueBatches(runner);
        poller.runDueBatches(runner);
        poller.runDueBatches(runner);
        int sizesBeforeWindowEnd = function.invocations.size();
        clock.advance(Duration.ofSeconds(5));
        poller.runDueBatches(runner);

        assertThat(sizesBeforeWindowEnd).isEqualTo(2);
        assertThat(function.invocations).extracting(KinesisBatch::size).containsExactly(2, 2, 1);
    }

    @Test
    void withoutAWindowWhatWasReadIsSentAtOnce() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(7, 1, T0));
        EsmSettings settings = EsmSettings.defaults();
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        poller.readOnce(10_000);
        poller.runDueBatches(runner(settings, function));

        assertThat(function.invocations).extracting(KinesisBatch::size).containsExactly(7);
    }

    @Test
    void recordsOfOneKeyAlwaysShareALane() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(40, 8, T0));
        EsmSettings settings = EsmSettings.defaults().withParallelizationFactor(4);
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        poller.readOnce(10_000);
        poller.runDueBatches(runner(settings, function));

        Map<String, Integer> laneOfKey = new HashMap<>();
        for (int lane = 0; lane < function.invocations.size(); lane++) {
            for (StreamRecord record : function.invocations.get(lane).records()) {
                Integer previous = laneOfKey.put(record.partitionKey(), lane);
                assertThat(previous == null || previous == lane).as("key %s in one batch", record.partitionKey()).isTrue();
            }
        }
        assertThat(function.invocations.size()).isGreaterThan(1).isLessThanOrEqualTo(4);
        assertThat(counters.succeeded()).isEqualTo(40);
    }

    @Test
    void recordsMatchingNoFilterAreDroppedAndCountAsProcessed() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        shard.append(TestRecords.records(6, 3, T0));
        EsmSettings settings = EsmSettings.defaults()
                .withFilters(List.of(RecordFilter.parse("{\"data\":{\"key\":[\"k1\"]}}")));
        ShardPoller poller = new ShardPoller(SHARD, shard, settings, counters, clock);
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        poller.readOnce(10_000);
        poller.runDueBatches(runner(settings, function));

        assertThat(function.invokedIndexes()).containsExactly(List.of(1, 4));
        assertThat(counters.filtered()).isEqualTo(4);
        assertThat(counters.inFlight()).isZero();
    }

    @Test
    void parallelLanesKeepEachKeysOrderThroughFailuresAndRetries() throws Exception {
        ScriptedShard shard = new ScriptedShard();
        int total = 600;
        shard.append(TestRecords.records(total, 37, Instant.now()));
        EsmSettings settings = EsmSettings.defaults().withParallelizationFactor(5).withBatchSize(25)
                .withReportBatchItemFailures(true).withBisectBatchOnFunctionError(true);
        Map<String, List<Integer>> processedPerKey = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        // Every third invocation throws, every other one reports its middle record as failed: plenty of retries.
        FunctionInvoker function = (requestId, batch) -> {
            int call = calls.incrementAndGet();
            if (call % 3 == 0) {
                return ScriptedFunction.thrown();
            }
            int upTo = call % 2 == 0 && batch.size() > 1 ? batch.size() / 2 : batch.size();
            for (StreamRecord record : batch.records().subList(0, upTo)) {
                processedPerKey.computeIfAbsent(record.partitionKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(TestRecords.indexOf(record));
            }
            return upTo == batch.size() ? InvocationOutcome.returned(null)
                    : InvocationOutcome.returned(TestRecords.failureAt(batch.records().get(upTo)));
        };
        EventSourceMapping.StreamShards shards = new EventSourceMapping.StreamShards() {
            @Override
            public List<String> shardIds() {
                return List.of(SHARD);
            }

            @Override
            public ShardReader open(String shardId, StartingPosition position, Instant timestamp) {
                return shard;
            }
        };

        try (EventSourceMapping mapping = new EventSourceMapping("test", settings, SOURCE, shards, function,
                FailureDestination.NONE, counters, java.time.Clock.systemUTC(), message -> { },
                BatchRunner.Pause.NONE)) {
            mapping.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (counters.succeeded() < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(counters.succeeded()).isEqualTo(total);
        assertThat(counters.discarded()).isZero();
        int seen = 0;
        for (Map.Entry<String, List<Integer>> entry : processedPerKey.entrySet()) {
            List<Integer> order = entry.getValue();
            assertThat(order).as("records of key %s, in processing order", entry.getKey()).isSorted();
            assertThat(order).doesNotHaveDuplicates();
            seen += order.size();
        }
        assertThat(seen).isEqualTo(total);
    }
}
