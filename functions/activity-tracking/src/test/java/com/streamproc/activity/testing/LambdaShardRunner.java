package com.streamproc.activity.testing;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.shared.testing.FakeLambdaContext;
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
        int checkpoint = from;
        for (int n = 0; checkpoint < shard.size(); n++) {
            if (n == maxInvocations) {
                throw new IllegalStateException("shard not through after " + maxInvocations + " invocations");
            }
            int to = Math.min(shard.size(), checkpoint + Math.max(1, nextBatchSize.applyAsInt(checkpoint)));
            StreamsEventResponse response = invoke(shard, checkpoint, to);
            checkpoint = response.getBatchItemFailures().isEmpty()
                    ? to : shard.indexOf(response.getBatchItemFailures().get(0).getItemIdentifier());
        }
    }

    /** One invocation with the records {@code from} to {@code to} (exclusive) and a fresh 60 s budget. */
    public StreamsEventResponse invoke(ShardRecords shard, int from, int to) {
        return handler.handleRequest(shard.batch(from, to),
                new FakeLambdaContext("activity-tracking", 60_000, nanoClock));
    }
}
