package com.streamproc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void aValueEqualToTheLimitMeetsTheTarget() {
        Target target = Target.ratio(3);

        assertThat(target.metBy(3.0)).isTrue();
        assertThat(target.verdict(3.0)).isEqualTo("met");
    }

    @Test
    void aValueAboveTheLimitMissesTheTarget() {
        Target target = Target.atMost(0.3, "write requests/record");

        assertThat(target.metBy(0.3001)).isFalse();
        assertThat(target.verdict(0.3001)).isEqualTo("MISSED");
    }

    @Test
    void aValueThatCouldNotBeMeasuredNeverMeetsTheTarget() {
        Target target = Target.ratio(1.5);

        assertThat(target.metBy(Double.NaN)).isFalse();
        assertThat(target.verdict(Double.NaN)).isEqualTo("not measured");
    }

    @Test
    void describesRatiosAndAbsoluteLimits() {
        assertThat(Target.ratio(2.5).describe()).isEqualTo("≤ 2.5×");
        assertThat(Target.ratio(3).describe()).isEqualTo("≤ 3×");
        assertThat(Target.atMost(10, "MiB").describe()).isEqualTo("≤ 10 MiB");
        assertThat(Target.atMost(0.3, "write requests/record").describe()).isEqualTo("≤ 0.3 write requests/record");
    }

    @Test
    void ratioDividesMeasuredByBaseline() {
        assertThat(Target.ratioOf(6.0, 2.0)).isEqualTo(3.0);
        assertThat(Target.ratioOf(0.0, 2.0)).isEqualTo(0.0);
    }

    @Test
    void ratioAgainstAMissingOrZeroBaselineIsNotANumber() {
        assertThat(Target.ratioOf(1.0, 0.0)).isNaN();
        assertThat(Target.ratioOf(1.0, Double.NaN)).isNaN();
        assertThat(Target.ratioOf(Double.NaN, 1.0)).isNaN();
        assertThat(Target.ratioOf(-1.0, 1.0)).isNaN();
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> Target.ratio(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.ratio(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
