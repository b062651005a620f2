package com.streamproc.local.esm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The causes of one function's failures, for the status line and the retry log: what its "batch processed" lines
 * say about reported records ({@link FailureCause}), and the error type Lambda reports when an invocation fails as
 * a whole.
 *
 * <p>Feed it every line of the function's output ({@link #line}) and the mapping's callbacks. A function writes
 * its line before it returns, and the local runtime passes a function's output on before the invocation ends, so
 * the cause of an invocation is known by the time the mapping hears of the outcome.
 */
public final class FailureCauses implements EsmListener {
    private static final int REMEMBERED = 1_000;

    private final String unknown;
    private final Map<String, String> byReported = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile String latest;

    /** @param logHint where to look when no cause is known, e.g. {@code .local-stack/logs/OrderProcessingFunction.log} */
    public FailureCauses(String logHint) {
        this.unknown = "cause unknown (see " + logHint + ")";
    }

    /** One line of the function's output. */
    public void line(String text) {
        FailureCause.parse(text).ifPresent(failed -> {
            if (failed.shardId() != null && failed.reportedSequenceNumber() != null) {
                synchronized (byReported) {
                    byReported.put(key(failed.shardId(), failed.reportedSequenceNumber()),
                            failed.cause().map(FailureCause::describe).orElse(null));
                }
            }
        });
    }

    @Override
    public void invoked(KinesisBatch batch, InvocationOutcome outcome, BatchResponse response) {
        if (outcome instanceof InvocationOutcome.FunctionError error) {
            latest = "function error " + error.errorType();
        } else if (response instanceof BatchResponse.FailedFrom partial) {
            latest = reported(batch.shardId(), partial.sequenceNumber()).orElse(unknown);
        } else if (response instanceof BatchResponse.WholeBatchFailed whole) {
            latest = "unusable response: " + whole.reason();
        }
    }

    /** The cause of the latest failed invocation; empty while none failed. */
    public Optional<String> latest() {
        return Optional.ofNullable(latest);
    }

    /** What the function's own line said about the record it reported at {@code sequenceNumber}. */
    public Optional<String> reported(String shardId, String sequenceNumber) {
        synchronized (byReported) {
            return Optional.ofNullable(byReported.get(key(shardId, sequenceNumber)));
        }
    }

    /** The cause of the failure that led to {@code retry}, or the "cause unknown" text. */
    public String causeOf(BatchRetry retry) {
        if (retry.error() != null) {
            return retry.error().startsWith("unusable response") ? retry.error() : "function error " + retry.error();
        }
        if (retry.reportedSequenceNumber() != null) {
            return reported(retry.shardId(), retry.reportedSequenceNumber()).orElse(unknown);
        }
        return unknown;
    }

    /** The text used when nothing names the cause. */
    public String unknownText() {
        return unknown;
    }

    private static String key(String shardId, String sequenceNumber) {
        return shardId + " " + sequenceNumber;
    }
}
