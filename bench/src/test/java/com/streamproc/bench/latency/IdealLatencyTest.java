package com.streamproc.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdealLatencyTest {
    @Test
    void spreadsTheRequestsEvenlyOverTheConcurrency() {
        assertThat(IdealLatency.millis(180, 8, 10)).isEqualTo(225.0);
        assertThat(IdealLatency.millis(1, 8, 10)).isEqualTo(1.25);
    }

    @Test
    void oneAtATimeIsEveryRequestInTurn() {
        assertThat(IdealLatency.millis(30, 1, 10)).isEqualTo(300.0);
    }

    @Test
    void noRequestsTakeNoTime() {
        assertThat(IdealLatency.millis(0, 8, 10)).isZero();
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThatThrownBy(() -> IdealLatency.millis(-1, 8, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdealLatency.millis(10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdealLatency.millis(10, 8, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
