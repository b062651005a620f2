package com.streamproc.shared.retry;

import com.streamproc.shared.batch.Deadline;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Retries calls that fail transiently ({@link FailureKind#TRANSIENT}), with exponential backoff and full jitter,
 * never past the batch's {@link Deadline}: no call starts once the deadline has passed (not even the first: it
 * throws {@link DeadlineReachedException}), a retry that could not finish in time is not started, and the last
 * failure is thrown instead so the record is reported to Lambda and replayed. Every call runs under
 * {@link CallDeadline}, so the SDK client bounds each attempt's timeout by the time left.
 *
 * <p>One instance serves one invocation; it is thread-safe.
 */
public final class TransientRetry {
    private final RetryPolicy policy;
    private final Deadline deadline;
    private final Retry retry;
    private final AtomicLong retries = new AtomicLong();

    public TransientRetry(RetryPolicy policy, Deadline deadline) {
        this.policy = policy;
        this.deadline = deadline;
        IntervalBiFunction<Object> interval = (attempt, result) -> jitteredDelay(attempt).toMillis();
        this.retry = Retry.of("transient", RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(failure -> FailureCause.isTransient(failure) && hasTimeForAnotherTry())
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> retries.incrementAndGet());
    }

    /**
     * Calls {@code call}, retrying transient failures.
     *
     * @throws RuntimeException the last failure, when it is not transient, attempts ran out, or time ran out
     */
    public <T> T call(Supplier<T> call) {
        if (deadline.expired()) {
            throw new DeadlineReachedException("the invocation's deadline passed before the call");
        }
        return CallDeadline.within(deadline, Retry.decorateSupplier(retry, call));
    }

    /** Sleeps the jittered backoff for {@code attempt} (1-based), cut short at the deadline. */
    public void backoff(int attempt) {
        long millis = jitteredDelay(attempt).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true while another attempt (a backoff and a call) can fit before the deadline */
    public boolean hasTimeForAnotherTry() {
        return deadline.remaining().compareTo(policy.baseDelay()) > 0;
    }

    /** How many retries (calls after the first) this instance made; for metrics and tests. */
    public long retries() {
        return retries.get();
    }

    public RetryPolicy policy() {
        return policy;
    }

    public Deadline deadline() {
        return deadline;
    }

    private Duration jitteredDelay(int attempt) {
        long cap = policy.capFor(attempt).toMillis();
        long remaining = deadline.remaining().toMillis();
        long bound = Math.min(cap, remaining);
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }
}
