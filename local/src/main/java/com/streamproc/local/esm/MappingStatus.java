package com.streamproc.local.esm;

/**
 * One function's part of the {@code up} status line:
 * <pre>
 * OrderProcessingFunction: read 12, done 9, failed 0, invocations 14, retrying (3 in a row; 5 batches/9 records retried so far; last cause: ProvisionedThroughputExceededException on PutItem local-orders)
 * OrderProcessingFunction: read 12, done 12, failed 0, invocations 17, retried 5 batches/9 records (last cause: ...)
 * ActivityTrackingFunction: read 40, done 38, failed 0, invocations 9, retrying (1 in a row; 1 batch/2 records retried so far; cause unknown (see .local-stack/logs/ActivityTrackingFunction.log))
 * </pre>
 * {@code failed} counts records discarded to the failure destination; a shard that is stuck on a reported item
 * failure shows in the retry part, since such a function never fails its invocation.
 */
public final class MappingStatus {
    private MappingStatus() {
    }

    public static String describe(String function, EsmCounters counters, FailureCauses causes) {
        StringBuilder text = new StringBuilder(function)
                .append(": read ").append(counters.read())
                .append(", done ").append(counters.succeeded())
                .append(", failed ").append(counters.discarded())
                .append(", invocations ").append(counters.invocations());
        long batches = counters.retriedBatches();
        String cause = causes.latest().filter(c -> !c.equals(causes.unknownText()))
                .map(c -> "last cause: " + c).orElse(causes.unknownText());
        String retried = batches + (batches == 1 ? " batch/" : " batches/") + counters.recordsInRetriedBatches()
                + (counters.recordsInRetriedBatches() == 1 ? " record" : " records");
        int inARow = counters.consecutiveRetries();
        if (inARow > 0) {
            text.append(", retrying (").append(inARow).append(" in a row; ").append(retried)
                    .append(" retried so far; ").append(cause).append(')');
        } else if (batches > 0 || counters.discarded() > 0) {
            text.append(", retried ").append(retried).append(" (").append(cause).append(')');
        }
        return text.toString();
    }
}
