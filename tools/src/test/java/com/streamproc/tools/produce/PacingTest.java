package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static double perSecond(RateLimiter limiter) {
        RateLimiterConfig config = limiter.getRateLimiterConfig();
        return config.getLimitForPeriod() * 1e9 / config.getLimitRefreshPeriod().toNanos();
    }

    @Test
    void permitsPerSecondMatchTheRate() {
        assertThat(perSecond(Pacing.perSecond(200))).isCloseTo(200, org.assertj.core.data.Offset.offset(0.01));
        assertThat(perSecond(Pacing.perSecond(15))).isCloseTo(15, org.assertj.core.data.Offset.offset(0.01));
        assertThat(perSecond(Pacing.perSecond(0.5))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(perSecond(Pacing.perSecond(25_000))).isCloseTo(25_000, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void permitsComeInSmallPortionsNotOneBurstPerSecond() {
        RateLimiterConfig config = Pacing.perSecond(200).getRateLimiterConfig();

        assertThat(config.getLimitForPeriod()).isEqualTo(2);
        assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void rateMustBePositive() {
        assertThatThrownBy(() -> Pacing.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacing.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
