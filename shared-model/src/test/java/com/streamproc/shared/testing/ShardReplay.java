package com.streamproc.shared.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.function.Function;

/**
 * Delivers one shard to a handler the way Lambda's Kinesis poller does with {@code ReportBatchItemFailures}: a
 * batch from the checkpoint; when the response reports a record, the next batch starts at that record, otherwise
 * after the batch. The one replay loop of the tests; a {@link Batching} adds what a test needs on top (random batch
 * sizes, replays of a delivered suffix, rewinds as after a lost checkpoint).
 */
public final class ShardReplay {

    /** A shard's records as Lambda would batch them. */
    public interface Shard {
        int size();

        /** The records {@code from} to {@code to} (exclusive) as one Lambda event. */
        KinesisEvent batch(int from, int to);

        /** The index of the record with this sequence number (a reported item identifier). */
        int indexOf(String sequenceNumber);
    }

    /** How a test shapes the delivery; every method may draw from the test's seeded random source. */
    public interface Batching {
        /** Where the next batch starts, given the checkpoint: the checkpoint, or earlier to rewind. */
        default int start(int checkpoint) {
            return checkpoint;
        }

        /**
         * The end (exclusive) of the batch starting at {@code start}; {@code highest} is the end of the furthest
         * batch so far. Clamped to the shard and to at least one record.
         */
        int end(int start, int highest);

        /** Where the next batch starts after {@code start..end} reported nothing: {@code end}, or earlier to replay. */
        default int afterSuccess(int start, int end) {
            return end;
        }
    }

    /** Batches of a fixed size and nothing else. */
    public static Batching ofSize(int batchSize) {
        return (start, highest) -> start + batchSize;
    }

    /** What a delivery did. */
    public record Stats(int invocations, int recordsDelivered, int replayedRecords, int reportedFailures) {
    }

    private ShardReplay() {
    }

    /**
     * Delivers the shard from {@code from} to its end.
     *
     * @throws IllegalStateException if the shard is not through after {@code maxInvocations}
     */
    public static Stats deliver(Shard shard, int from, Batching batching, int maxInvocations,
                                Function<KinesisEvent, StreamsEventResponse> handler) {
        int checkpoint = from;
        int highest = from;
        int invocations = 0;
        int delivered = 0;
        int replayed = 0;
        int failures = 0;
        while (checkpoint < shard.size()) {
            if (invocations == maxInvocations) {
                throw new IllegalStateException("shard not through after " + maxInvocations
                        + " invocations (checkpoint at record " + checkpoint + " of " + shard.size() + ")");
            }
            int start = batching.start(checkpoint);
            int end = Math.min(shard.size(), Math.max(start + 1, batching.end(start, highest)));
            StreamsEventResponse response = handler.apply(shard.batch(start, end));
            invocations++;
            delivered += end - start;
            replayed += Math.max(0, Math.min(highest, end) - start);
            highest = Math.max(highest, end);
            if (response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
                failures++;
                checkpoint = shard.indexOf(response.getBatchItemFailures().get(0).getItemIdentifier());
            } else {
                checkpoint = batching.afterSuccess(start, end);
            }
        }
        return new Stats(invocations, delivered, replayed, failures);
    }
}
