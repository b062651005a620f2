package com.streamproc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Numbers.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Numbers.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void medianOfNothingIsNotANumber() {
        assertThat(Numbers.median(List.of())).isNaN();
    }

    @Test
    void percentileIsTheValueAtItsNearestRank() {
        List<Double> twentyOne = new java.util.ArrayList<>();
        for (int i = 21; i >= 1; i--) {
            twentyOne.add((double) i);
        }

        assertThat(Numbers.percentile(twentyOne, 90)).isEqualTo(19.0);
        assertThat(Numbers.percentile(twentyOne, 50)).isEqualTo(11.0);
        assertThat(Numbers.percentile(List.of(7.0, 3.0, 5.0), 90)).isEqualTo(7.0);
        assertThat(Numbers.percentile(List.of(4.0), 90)).isEqualTo(4.0);
    }

    @Test
    void percentileOfNothingIsNotANumber() {
        assertThat(Numbers.percentile(List.of(), 90)).isNaN();
    }

    @Test
    void formatsIndependentlyOfTheLocale() {
        assertThat(Numbers.fixed(1234.5678, 2)).isEqualTo("1234.57");
        assertThat(Numbers.grouped(10_000)).isEqualTo("10,000");
        assertThat(Numbers.ratio(2.0)).isEqualTo("2.00×");
        assertThat(Numbers.ratio(Double.NaN)).isEqualTo("n/a");
        assertThat(Numbers.mebibytes(10L * 1024 * 1024)).isEqualTo("10.00");
    }

    @Test
    void compactDropsNeedlessZeros() {
        assertThat(Numbers.compact(3.0)).isEqualTo("3");
        assertThat(Numbers.compact(1.5)).isEqualTo("1.5");
        assertThat(Numbers.compact(0.3)).isEqualTo("0.3");
    }
}
