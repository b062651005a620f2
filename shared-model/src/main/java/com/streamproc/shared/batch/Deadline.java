package com.streamproc.shared.batch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment after which a batch starts no new work: the invocation's remaining time minus a safety margin that
 * leaves room to finish in-flight writes, quarantine, and return the response before Lambda's timeout.
 */
public final class Deadline {
    private final LongSupplier nanoClock;
    private final long deadlineNanos;

    private Deadline(LongSupplier nanoClock, long deadlineNanos) {
        this.nanoClock = nanoClock;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * @param remaining what Lambda says is left ({@code Context.getRemainingTimeInMillis()})
     * @param margin    time kept back for finishing up
     * @param nanoClock a monotonic clock ({@code System::nanoTime} in production)
     */
    public static Deadline of(Duration remaining, Duration margin, LongSupplier nanoClock) {
        return new Deadline(nanoClock, nanoClock.getAsLong() + remaining.minus(margin).toNanos());
    }

    /** A deadline that never expires, for tools that are not bound by a Lambda timeout. */
    public static Deadline none() {
        return new Deadline(System::nanoTime, Long.MAX_VALUE);
    }

    /** @return true once no new work may start */
    public boolean expired() {
        return remaining().isZero();
    }

    /** @return the time left before the deadline, never negative */
    public Duration remaining() {
        if (deadlineNanos == Long.MAX_VALUE) {
            return Duration.ofDays(365);
        }
        long left = deadlineNanos - nanoClock.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
