package com.streamproc.activity.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.ShardReplay;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Feeds a shard to a handler the way Lambda does with {@code ReportBatchItemFailures}: a batch from the checkpoint,
 * and when the response reports a record, the next batch starts at that record; otherwise after the batch.
 */
public final class LambdaShardRunner {
    private final ActivityTrackingHandler handler;
    private final LongSupplier nanoClock;

    public LambdaShardRunner(ActivityTrackingHandler handler, LongSupplier nanoClock) {
        this.handler = handler;
        this.nanoClock = nanoClock;
    }

    /** Processes the records from {@code from} to the end in batches of at most {@code batchSize}. */
    public void runFrom(ShardRecords shard, int from, int batchSize, int maxInvocations) {
        runFrom(shard, from, checkpoint -> batchSize, maxInvocations);
    }

    /**
     * Processes the records from {@code from} to the end; {@code nextBatchSize} gets the checkpoint and returns the
     * next batch's size.
     *
     * @throws IllegalStateException if the shard is not through after {@code maxInvocations}
     */
    public void runFrom(ShardRecords shard, int from, IntUnaryOperator nextBatchSize, int maxInvocations) {
        runFrom(shard, from, (start, highest) -> start + nextBatchSize.applyAsInt(start), maxInvocations);
    }

    /** Processes the records from {@code from} to the end with the shared replay loop, shaped by {@code batching}. */
    public ShardReplay.Stats runFrom(ShardRecords shard, int from, ShardReplay.Batching batching,
                                     int maxInvocations) {
        return ShardReplay.deliver(shard, from, batching, maxInvocations, event -> invoke(event));
    }

    /** One invocation with the records {@code from} to {@code to} (exclusive) and a fresh 60 s budget. */
    public StreamsEventResponse invoke(ShardRecords shard, int from, int to) {
        return invoke(shard.batch(from, to));
    }

    private StreamsEventResponse invoke(KinesisEvent batch) {
        return handler.handleRequest(batch, new FakeLambdaContext("activity-tracking", 60_000, nanoClock));
    }
}
