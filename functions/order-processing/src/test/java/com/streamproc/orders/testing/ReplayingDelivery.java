package com.streamproc.orders.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.testing.ShardReplay;
import java.util.Random;
import java.util.function.Function;

/**
 * Delivers a {@link RecordStream} the way Lambda's Kinesis poller does, with extra replays: batches of random
 * size; after a batch, sometimes a random suffix of it is delivered again (as after a reported failure), mixed with
 * the next new records; a batch that reports a record is delivered again from that record. The loop is the shared
 * {@link ShardReplay}; this adds the random sizes and suffix replays.
 */
public final class ReplayingDelivery {

    private ReplayingDelivery() {
    }

    public static ShardReplay.Stats run(RecordStream stream, long seed, int minBatch, int maxBatch,
                                        Function<KinesisEvent, StreamsEventResponse> handler) {
        Random random = new Random(seed);
        ShardReplay.Batching batching = new ShardReplay.Batching() {
            @Override
            public int end(int start, int highest) {
                // A replayed suffix travels with the next new records, as the poller's next batch would carry them.
                return Math.max(highest, start + minBatch + random.nextInt(maxBatch - minBatch + 1));
            }

            @Override
            public int afterSuccess(int start, int end) {
                // Replay a suffix of what was just delivered, as if one of its records had been reported.
                return random.nextInt(3) == 0 ? start + random.nextInt(end - start) : end;
            }
        };
        // A stream that makes progress needs far fewer; more means a record is reported forever.
        int maxInvocations = 10 * stream.size() + 10;
        return ShardReplay.deliver(stream, 0, batching, maxInvocations, handler);
    }
}
