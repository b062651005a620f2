package com.streamproc.tools.produce;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** Builds the Resilience4j {@link RateLimiter} that paces the producer at a number of records per second. */
public final class Pacing {
    private Pacing() {
    }

    /**
     * A limiter granting {@code recordsPerSecond} permits a second on average, in small portions (about a hundredth
     * of a second's worth per refresh) so records flow evenly instead of in one burst per second.
     */
    public static RateLimiter perSecond(double recordsPerSecond) {
        if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of records per second");
        }
        int permitsPerPeriod = (int) Math.max(1, Math.ceil(recordsPerSecond / 100));
        long periodNanos = Math.max(1, Math.round(permitsPerPeriod * 1_000_000_000d / recordsPerSecond));
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(permitsPerPeriod)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                // The producer waits as long as it takes; it never gives up on a permit.
                .timeoutDuration(Duration.ofDays(1))
                .build();
        return RateLimiter.of("producer", config);
    }
}
