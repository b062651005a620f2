package com.streamproc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineInfoTest {
    @Test
    void readsTheValueOfTheFirstMatchingProcLine() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: AMD EPYC 7B13", "processor\t: 1",
                "model name\t: AMD EPYC 7B13");

        assertThat(MachineInfo.valueOf(cpuinfo, "model name")).contains("AMD EPYC 7B13");
        assertThat(MachineInfo.valueOf(cpuinfo, "flags")).isEmpty();
    }

    @Test
    void readsMemTotalInKibibytes() {
        assertThat(MachineInfo.kibibytes("24637544 kB")).isEqualTo(24_637_544L);
    }

    @Test
    void describesTheLoadAverage() {
        assertThat(MachineInfo.describeLoad(Optional.of(new double[] {0.5, 1.25, 2})))
                .isEqualTo("0.50 / 1.25 / 2.00 (1 / 5 / 15 min)");
        assertThat(MachineInfo.describeLoad(Optional.empty())).isEqualTo("unknown");
    }
}
