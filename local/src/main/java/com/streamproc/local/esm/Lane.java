package com.streamproc.local.esm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One of a shard's {@code ParallelizationFactor} concurrent batch streams: records of the same partition key always
 * land in the same lane, in shard order, and a lane runs one batch at a time. Assembles batches by
 * {@code BatchSize}, the 6 MB payload limit and {@code MaximumBatchingWindowInSeconds}.
 */
public final class Lane {
    private final EsmSettings settings;
    private final Deque<StreamRecord> buffer = new ArrayDeque<>();
    private long bufferedPayload;
    private Instant windowStart;

    Lane(EsmSettings settings) {
        this.settings = settings;
    }

    synchronized void add(StreamRecord record, Instant now) {
        if (buffer.isEmpty()) {
            windowStart = now;
        }
        buffer.addLast(record);
        bufferedPayload += KinesisBatch.payloadEstimate(record);
        notifyAll();
    }

    public synchronized int buffered() {
        return buffer.size();
    }

    /** How long until a batch is due; {@code null} when nothing is buffered, zero when one is due now. */
    synchronized Duration untilReady(Instant now) {
        if (buffer.isEmpty()) {
            return null;
        }
        if (buffer.size() >= settings.batchSize() || bufferedPayload >= EsmSettings.MAX_PAYLOAD_BYTES) {
            return Duration.ZERO;
        }
        Duration waited = Duration.between(windowStart, now);
        Duration left = settings.maximumBatchingWindow().minus(waited);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The next batch if one is due at {@code now}, else an empty list. */
    synchronized List<StreamRecord> takeReady(Instant now) {
        Duration until = untilReady(now);
        if (until == null || !until.isZero()) {
            return List.of();
        }
        List<StreamRecord> batch = new ArrayList<>();
        long payload = 0;
        while (!buffer.isEmpty() && batch.size() < settings.batchSize()) {
            long next = KinesisBatch.payloadEstimate(buffer.peekFirst());
            if (!batch.isEmpty() && payload + next > EsmSettings.MAX_PAYLOAD_BYTES) {
                break;
            }
            StreamRecord record = buffer.pollFirst();
            batch.add(record);
            payload += next;
            bufferedPayload -= next;
        }
        // The window of what is left starts now: it was read before, but no batch has waited for it yet.
        windowStart = buffer.isEmpty() ? null : now;
        return batch;
    }

    /** Blocks up to {@code maxWait} (or until records arrive) so a worker thread does not spin. */
    synchronized void awaitChange(Duration maxWait) throws InterruptedException {
        long millis = Math.max(1, maxWait.toMillis());
        wait(millis);
    }
}
