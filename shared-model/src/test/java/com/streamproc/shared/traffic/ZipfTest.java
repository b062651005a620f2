package com.streamproc.shared.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void theSameSeedDrawsTheSameRanks() {
        Zipf first = new Zipf(100, 1.1, new Random(7));
        Zipf second = new Zipf(100, 1.1, new Random(7));

        int[] a = new int[1_000];
        int[] b = new int[1_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = first.next();
            b[i] = second.next();
        }

        assertThat(a).isEqualTo(b);
    }

    @Test
    void theFirstRankIsDrawnAboutItsShareAndNoRankFallsOutside() {
        int n = 50;
        Zipf zipf = new Zipf(n, 1.0, new Random(42));
        int draws = 100_000;

        int[] counts = new int[n];
        for (int i = 0; i < draws; i++) {
            counts[zipf.next()]++;
        }

        double harmonic = 0;
        for (int rank = 1; rank <= n; rank++) {
            harmonic += 1.0 / rank;
        }
        assertThat((double) counts[0] / draws).isCloseTo(1 / harmonic, offset(0.01));
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[n - 1]);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(draws);
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new Zipf(0, 1.0, new Random(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
