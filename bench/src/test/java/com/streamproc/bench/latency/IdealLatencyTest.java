package com.streamproc.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdealLatencyTest {
    @Test
    void spreadsTheRequestsOverTheConcurrencyInWholeRoundTrips() {
        assertThat(IdealLatency.millis(180, 8, 10)).isEqualTo(230.0); // 23 rounds: 22 full, one of 4
        assertThat(IdealLatency.millis(2501, 100, 10)).isEqualTo(260.0);
    }

    @Test
    void aBatchThatReadsAndWritesTakesAtLeastTwoRoundTrips() {
        assertThat(IdealLatency.millis(92, 100, 10)).isEqualTo(20.0);
        assertThat(IdealLatency.millis(9, 8, 10)).isEqualTo(20.0);
    }

    @Test
    void aSingleRequestIsOneRoundTrip() {
        assertThat(IdealLatency.millis(1, 100, 10)).isEqualTo(10.0);
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
