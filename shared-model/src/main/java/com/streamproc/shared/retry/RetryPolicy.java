package com.streamproc.shared.retry;

import java.time.Duration;

/**
 * How transient failures are retried: exponential backoff with full jitter,
 * {@code sleep = random(0, min(maxDelay, baseDelay * 2^(attempt-1)))}, at most {@code maxAttempts} calls in all.
 *
 * @param maxAttempts calls in all, the first included (at least 1)
 * @param baseDelay   the cap of the first backoff
 * @param maxDelay    the largest backoff cap
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** Six calls, 50 ms doubling to a 2 s cap: rides out a DynamoDB throttling burst within a few seconds. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
        }
    }

    /** The backoff cap before call number {@code attempt + 1}, for {@code attempt >= 1}. */
    public Duration capFor(int attempt) {
        long base = baseDelay.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long cap = base << shift;
        if (cap < 0 || cap > maxDelay.toMillis()) {
            cap = maxDelay.toMillis();
        }
        return Duration.ofMillis(cap);
    }
}
