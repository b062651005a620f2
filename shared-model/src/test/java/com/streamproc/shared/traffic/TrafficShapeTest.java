package com.streamproc.shared.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficShapeTest {
    private static final TrafficShape SHAPE = TrafficShape.of(1_000, 42);

    @Test
    void theDefaultShapeIsWellFormedTrafficOfTwoHours() {
        assertThat(SHAPE.count()).isEqualTo(1_000);
        assertThat(SHAPE.span()).isEqualTo(Duration.ofHours(2));
        assertThat(SHAPE.end()).isEqualTo(TrafficShape.DEFAULT_START.plus(Duration.ofHours(2)));
        assertThat(SHAPE.duplicateShare() + SHAPE.outOfOrderShare() + SHAPE.poisonShare() + SHAPE.invalidShare())
                .isZero();
        assertThat(SHAPE.order()).isEqualTo(TrafficShape.SendOrder.AS_PRODUCED);
    }

    @Test
    void endingAtKeepsTheSpanAndMovesTheStart() {
        Instant now = Instant.parse("2026-12-04T03:00:00Z");

        TrafficShape shape = SHAPE.endingAt(now);

        assertThat(shape.end()).isEqualTo(now);
        assertThat(shape.start()).isEqualTo(now.minus(Duration.ofHours(2)));
    }

    @Test
    void badKnobsAreRefusedNamingTheKnobAndItsRange() {
        assertThatThrownBy(() -> SHAPE.withCount(-1)).hasMessage("count must not be negative, was -1");
        assertThatThrownBy(() -> SHAPE.withShares(0.6, 0, 0, 0))
                .hasMessage("duplicateShare must be within 0..0.5, was 0.6");
        assertThatThrownBy(() -> SHAPE.withShares(0, -0.1, 0, 0))
                .hasMessage("outOfOrderShare must be within 0..1.0, was -0.1");
        assertThatThrownBy(() -> SHAPE.withShares(0, 0, Double.NaN, 0))
                .hasMessage("poisonShare must be within 0..1.0, was NaN");
        assertThatThrownBy(() -> SHAPE.withShares(0, 0, 0.7, 0.7))
                .hasMessage("poisonShare + invalidShare must be at most 1, was 1.4");
        assertThatThrownBy(() -> SHAPE.withKeySkew(-1))
                .hasMessage("keySkew (a Zipf exponent) must be within 0..10, was -1.0");
        assertThatThrownBy(() -> SHAPE.withTimes(Instant.EPOCH, Duration.ZERO)).hasMessage("span must be positive, was PT0S");
        assertThatThrownBy(() -> SHAPE.withRun("a-b")).hasMessage("run must be letters and digits only, was 'a-b'");
    }

    @Test
    void theDescriptionNamesEveryKnob() {
        String text = SHAPE.withKeySkew(1.2).withShares(0.05, 0.1, 0.005, 0)
                .withOrder(TrafficShape.SendOrder.BY_EVENT_TIME).describe();

        assertThat(text).isEqualTo("1000 records, seed 42, 2 h of event time, key skew Zipf 1.2, 5 % duplicates, "
                + "10 % out of order, 0.5 % poison, 0 % invalid, sent in event-time order");
    }
}
