package com.streamproc.local.esm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The Kinesis event source mapping properties the local poller honours, with Lambda's defaults and limits.
 *
 * @param batchSize                  records per invocation at most (1-10,000; Lambda's default 100)
 * @param maximumBatchingWindow      how long to gather records before invoking (0-300 s; default 0 = invoke as
 *                                   soon as records are read)
 * @param startingPosition           where reading starts
 * @param startingPositionTimestamp  for {@link StartingPosition#AT_TIMESTAMP} only
 * @param parallelizationFactor      concurrent batches per shard (1-10); records of one partition key always go
 *                                   to the same of these lanes, so their order is kept
 * @param reportBatchItemFailures    {@code FunctionResponseTypes: [ReportBatchItemFailures]}
 * @param bisectBatchOnFunctionError split a failed batch in two and retry the halves
 * @param maximumRetryAttempts       retries of a failed batch (0-10,000), -1 = until the record expires
 * @param maximumRecordAge           records older than this are not sent to the function but to the failure
 *                                   destination; {@code null} = no limit (Lambda's -1)
 * @param onFailureDestination       ARN or name of the on-failure destination, {@code null} when none (then
 *                                   discarded records are only counted)
 * @param filters                    filter criteria; empty = every record goes to the function
 */
public record EsmSettings(int batchSize, Duration maximumBatchingWindow, StartingPosition startingPosition,
                          Instant startingPositionTimestamp, int parallelizationFactor,
                          boolean reportBatchItemFailures, boolean bisectBatchOnFunctionError,
                          int maximumRetryAttempts, Duration maximumRecordAge, String onFailureDestination,
                          List<RecordFilter> filters) {

    /** Lambda's limit on an invocation payload (synchronous invocation: 6 MB). */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    public EsmSettings {
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        Objects.requireNonNull(startingPosition, "startingPosition");
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize must be 1-10000, was " + batchSize);
        }
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be 0-300");
        }
        if (parallelizationFactor < 1 || parallelizationFactor > 10) {
            throw new IllegalArgumentException("ParallelizationFactor must be 1-10, was " + parallelizationFactor);
        }
        if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
            throw new IllegalArgumentException("MaximumRetryAttempts must be -1..10000, was " + maximumRetryAttempts);
        }
        if (maximumRecordAge != null && maximumRecordAge.isNegative()) {
            throw new IllegalArgumentException("MaximumRecordAgeInSeconds must be -1 or positive");
        }
        if (startingPosition == StartingPosition.AT_TIMESTAMP && startingPositionTimestamp == null) {
            throw new IllegalArgumentException("StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp");
        }
    }

    /** Lambda's defaults for a Kinesis mapping reading from the oldest record. */
    public static EsmSettings defaults() {
        return new EsmSettings(100, Duration.ZERO, StartingPosition.TRIM_HORIZON, null, 1, false, false, -1, null,
                null, List.of());
    }

    /** Whether a batch that failed {@code retriesUsed} times already may not be retried again. */
    public boolean retriesExhausted(int retriesUsed) {
        return maximumRetryAttempts >= 0 && retriesUsed >= maximumRetryAttempts;
    }

    public EsmSettings withBatchSize(int size) {
        return new EsmSettings(size, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withBatchingWindow(Duration window) {
        return new EsmSettings(batchSize, window, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withParallelizationFactor(int factor) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                factor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withReportBatchItemFailures(boolean on) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, on, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withBisectBatchOnFunctionError(boolean on) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, on, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withMaximumRetryAttempts(int attempts) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, attempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withMaximumRecordAge(Duration age) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                age, onFailureDestination, filters);
    }

    public EsmSettings withOnFailureDestination(String destination) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, destination, filters);
    }

    public EsmSettings withStartingPosition(StartingPosition position, Instant timestamp) {
        return new EsmSettings(batchSize, maximumBatchingWindow, position, timestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, filters);
    }

    public EsmSettings withFilters(List<RecordFilter> newFilters) {
        return new EsmSettings(batchSize, maximumBatchingWindow, startingPosition, startingPositionTimestamp,
                parallelizationFactor, reportBatchItemFailures, bisectBatchOnFunctionError, maximumRetryAttempts,
                maximumRecordAge, onFailureDestination, newFilters);
    }
}
