package com.streamproc.orders.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.math.BigInteger;
import java.util.Random;
import java.util.function.Function;

/**
 * Delivers a {@link RecordStream} the way Lambda's Kinesis poller does, with extra replays: batches of random
 * size; after a batch, sometimes a random suffix of it is delivered again (as after a reported failure), mixed with
 * the next new records; a batch that reports a record is delivered again from that record.
 */
public final class ReplayingDelivery {
    /** What a delivery did. */
    public record Stats(int invocations, int recordsDelivered, int replayedRecords, int reportedFailures) {
    }

    private ReplayingDelivery() {
    }

    public static Stats run(RecordStream stream, long seed, int minBatch, int maxBatch,
                            Function<KinesisEvent, StreamsEventResponse> handler) {
        Random random = new Random(seed);
        int invocations = 0;
        int delivered = 0;
        int replayed = 0;
        int failures = 0;
        int checkpoint = 0;
        int highest = 0;
        while (checkpoint < stream.size()) {
            int end = Math.min(stream.size(), Math.max(highest, checkpoint + minBatch + random.nextInt(maxBatch - minBatch + 1)));
            StreamsEventResponse response = handler.apply(stream.batch(checkpoint, end));
            invocations++;
            delivered += end - checkpoint;
            replayed += Math.max(0, Math.min(highest, end) - checkpoint);
            highest = Math.max(highest, end);
            if (!response.getBatchItemFailures().isEmpty()) {
                failures++;
                String reported = response.getBatchItemFailures().get(0).getItemIdentifier();
                checkpoint = indexOf(reported);
                if (failures > stream.size()) {
                    throw new AssertionError("the stream does not make progress at record " + checkpoint);
                }
            } else if (random.nextInt(3) == 0) {
                // Replay a suffix of what was just delivered, as if one of its records had been reported.
                checkpoint = checkpoint + random.nextInt(end - checkpoint);
            } else {
                checkpoint = end;
            }
        }
        return new Stats(invocations, delivered, replayed, failures);
    }

    private static int indexOf(String sequenceNumber) {
        return new BigInteger(sequenceNumber).subtract(KinesisEventFixture.FIRST_SEQUENCE)
                .intValueExact();
    }
}
