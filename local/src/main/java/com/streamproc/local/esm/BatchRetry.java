package com.streamproc.local.esm;

import java.time.Instant;
import java.util.Objects;

/**
 * Records re-delivered to the function because its previous invocation of them failed: it reported a batch item
 * failure, or the invocation itself failed (an error, a timeout, a crash, an unusable response). Bisected halves of
 * a failed batch are re-deliveries too.
 *
 * @param time                    when the re-delivery starts
 * @param shardId                 the shard
 * @param batchStart              sequence number of the first record of the batch as the lane first handed it over;
 *                                names this batch's run of retries until it ends
 * @param fromSequenceNumber      the first record re-delivered (where the shard is stuck)
 * @param records                 how many records are re-delivered
 * @param attempt                 the how-manieth delivery of these records this is (2 for the first retry)
 * @param retriesUsed             retries counted against {@code MaximumRetryAttempts} so far, this one included
 *                                (a bisection does not count)
 * @param reportedSequenceNumber  the sequence number the previous invocation reported in {@code batchItemFailures},
 *                                or {@code null}
 * @param error                   why the previous invocation failed as a whole: the error type Lambda reports
 *                                ({@code Sandbox.Timedout}, {@code java.lang.IllegalStateException}, ...) or what was
 *                                wrong with its response; {@code null} for a reported item failure
 * @param previousRequestId       request id of the previous invocation
 */
public record BatchRetry(Instant time, String shardId, String batchStart, String fromSequenceNumber, int records,
                         int attempt, int retriesUsed, String reportedSequenceNumber, String error,
                         String previousRequestId) {
    public BatchRetry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(batchStart, "batchStart");
        Objects.requireNonNull(fromSequenceNumber, "fromSequenceNumber");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is at least the second attempt");
        }
    }

    /** The previous invocation failed as a whole (rather than reporting an item). */
    public boolean afterFunctionError() {
        return error != null;
    }
}
