package com.streamproc.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.bench.BenchFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuRunnerTest {
    @Test
    void parsesAResultLine() {
        var entry = CpuRunner.parse("CPU rawReadTree 1183.250 154.100 ns/op");

        assertThat(entry).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo("rawReadTree");
            assertThat(e.getValue()).isEqualTo(new CpuRunner.Score(1183.25, 154.1));
        });
    }

    @Test
    void ignoresOtherOutput() {
        assertThat(CpuRunner.parse("# Warmup Iteration   1: 1234 ns/op")).isEmpty();
    }

    @Test
    void refusesAnotherUnit() {
        assertThatThrownBy(() -> CpuRunner.parse("CPU function 1.0 0.1 ops/s"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRatioIsFunctionTimeOverRawParseTime() {
        CpuRunner.Result result = new CpuRunner.Result(BenchFunction.byId("orders"),
                new CpuRunner.Flags("c1", List.of(), new CpuRunner.Iterations(1, 1, 100)), new CpuRunner.Score(3000, 10),
                new CpuRunner.Score(2000, 8), new CpuRunner.Score(500, 2), new CpuRunner.Score(1000, 5));

        assertThat(result.ratio()).isEqualTo(3.0);
        assertThat(result.decodeRatio()).isEqualTo(2.0);
        assertThat(result.coreRatio()).isEqualTo(0.5);
        assertThat(result.recordsPerSecond()).isEqualTo(1e9 / 3000);
    }
}
