package com.streamproc.activity.testing;

import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.activity.domain.ActivityBatchApplier;
import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.store.ActivityStore;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.ManualNanoClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The activity function wired for tests: the real decoder, applier and batch processor, over a given store, with a
 * fixed wall clock, a manual nano clock (deadlines move only when a test says so), an in-memory quarantine, and
 * retries without backoff (two attempts, so that some injected faults are retried away and some are not).
 */
public final class ActivityHarness {
    /** The wall clock of every test: events may not be later than this plus five minutes. */
    public static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    private final ActivityStore store;
    private final ManualNanoClock nanoClock = new ManualNanoClock();
    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final ActivityTrackingHandler handler;

    public ActivityHarness(ActivityStore store, int maxConcurrentRequests) {
        this.store = store;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        BatchProcessorConfig config = BatchProcessorConfig.defaults(ActivityTrackingHandler.FUNCTION_NAME)
                .withRetryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO))
                .withDeadlineMargin(Duration.ofSeconds(1));
        BatchProcessor<ActivityEvent> processor = new BatchProcessor<>(new ActivityEventDecoder(clock),
                new ActivityBatchApplier(store, clock, maxConcurrentRequests), quarantine, config, summary -> { },
                clock, nanoClock);
        this.handler = new ActivityTrackingHandler(processor);
        if (store instanceof InMemoryActivityStore inMemory) {
            // An in-flight request outlives the invocation's deadline: the clock jumps past any 60 s budget.
            inMemory.onDeadline(() -> nanoClock.advance(Duration.ofMinutes(2)));
        }
    }

    public ActivityHarness(ActivityStore store) {
        this(store, 1);
    }

    public ActivityTrackingHandler handler() {
        return handler;
    }

    public InMemoryQuarantine quarantine() {
        return quarantine;
    }

    public ActivityQueries queries() {
        return new ActivityQueries(store);
    }

    /** A new runner (each keeps its own invocation count; one per shard and thread). */
    public LambdaShardRunner runner() {
        return new LambdaShardRunner(handler, nanoClock);
    }

    /** What the queries answer for the users, days and action-hours of {@code expected}. */
    public ActivityTotals stored(ActivityTotals expected) {
        return ActivityTotals.stored(queries(), expected);
    }
}
