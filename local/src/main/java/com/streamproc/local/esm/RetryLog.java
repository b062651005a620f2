package com.streamproc.local.esm;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one line per re-delivery of a mapping's records (to {@code .local-stack/logs/event-source-mappings.log}):
 * <pre>
 * 2026-11-27T10:15:02.431Z retry function=OrderProcessingFunction stream=local-orders shard=shardId-000000000000 from=4965... records=3 attempt=3 reported=4965... cause="ProvisionedThroughputExceededException on PutItem local-orders"
 * 2026-11-27T10:15:09.002Z retry function=OrderProcessingFunction stream=local-orders shard=shardId-000000000000 from=4965... records=3 attempt=4 error=Sandbox.Timedout
 * </pre>
 * {@code attempt} is the how-manieth delivery of these records (2 for the first retry); {@code reported} the sequence
 * number the failed invocation reported in {@code batchItemFailures}, {@code error} the error type Lambda reports
 * when the invocation failed as a whole. {@code cause} is what the function's own log line said, or
 * {@code "cause unknown (see ...)"}.
 */
public final class RetryLog implements EsmListener {
    private final String function;
    private final String stream;
    private final FailureCauses causes;
    private final Consumer<String> out;

    public RetryLog(String function, String stream, FailureCauses causes, Consumer<String> out) {
        this.function = Objects.requireNonNull(function, "function");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.causes = Objects.requireNonNull(causes, "causes");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void retrying(BatchRetry retry) {
        out.accept(line(retry));
    }

    String line(BatchRetry retry) {
        StringBuilder line = new StringBuilder()
                .append(retry.time()).append(" retry function=").append(function)
                .append(" stream=").append(stream)
                .append(" shard=").append(retry.shardId())
                .append(" from=").append(retry.fromSequenceNumber())
                .append(" records=").append(retry.records())
                .append(" attempt=").append(retry.attempt());
        if (retry.error() != null) {
            line.append(" error=").append(quoteIfNeeded(retry.error()));
        } else {
            if (retry.reportedSequenceNumber() != null) {
                line.append(" reported=").append(retry.reportedSequenceNumber());
            }
            line.append(" cause=").append(quote(causes.causeOf(retry)));
        }
        return line.toString();
    }

    private static String quoteIfNeeded(String text) {
        return text.matches("[A-Za-z0-9._$:-]+") ? text : quote(text);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}
