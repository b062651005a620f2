package com.streamproc.shared.batch;

import com.streamproc.shared.retry.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Tunables of a {@link BatchProcessor}.
 *
 * @param functionName      the function's name in logs, metrics and quarantine items
 * @param deadlineMargin    time kept back from Lambda's timeout to finish in-flight work and respond
 * @param retryPolicy       backoff for transient failures
 * @param sourceOfRecord    optional grouping of a record for the quarantine's {@code source} (may return null)
 */
public record BatchProcessorConfig(String functionName, Duration deadlineMargin, RetryPolicy retryPolicy,
                                   Function<RecordRef, String> sourceOfRecord) {
    /** Default margin: enough for an in-flight DynamoDB call to time out and the quarantine to be written. */
    public static final Duration DEFAULT_DEADLINE_MARGIN = Duration.ofSeconds(3);

    public static BatchProcessorConfig defaults(String functionName) {
        return new BatchProcessorConfig(functionName, DEFAULT_DEADLINE_MARGIN, RetryPolicy.DEFAULT, ref -> null);
    }

    public BatchProcessorConfig withDeadlineMargin(Duration margin) {
        return new BatchProcessorConfig(functionName, margin, retryPolicy, sourceOfRecord);
    }

    public BatchProcessorConfig withRetryPolicy(RetryPolicy policy) {
        return new BatchProcessorConfig(functionName, deadlineMargin, policy, sourceOfRecord);
    }

    public BatchProcessorConfig withSourceOfRecord(Function<RecordRef, String> source) {
        return new BatchProcessorConfig(functionName, deadlineMargin, retryPolicy, source);
    }

    /**
     * Reads overrides from environment variables: {@code DEADLINE_MARGIN_MS}, {@code RETRY_MAX_ATTEMPTS},
     * {@code RETRY_BASE_DELAY_MS}, {@code RETRY_MAX_DELAY_MS}. Unset variables keep the defaults.
     *
     * @throws IllegalStateException naming the variable when a value is not a non-negative integer
     */
    public BatchProcessorConfig withEnvironment(Map<String, String> env) {
        Duration margin = millis(env, "DEADLINE_MARGIN_MS", deadlineMargin);
        RetryPolicy policy = new RetryPolicy(
                (int) number(env, "RETRY_MAX_ATTEMPTS", retryPolicy.maxAttempts()),
                millis(env, "RETRY_BASE_DELAY_MS", retryPolicy.baseDelay()),
                millis(env, "RETRY_MAX_DELAY_MS", retryPolicy.maxDelay()));
        return new BatchProcessorConfig(functionName, margin, policy, sourceOfRecord);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        return Duration.ofMillis(number(env, name, fallback.toMillis()));
    }

    static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a non-negative integer");
        }
    }
}
