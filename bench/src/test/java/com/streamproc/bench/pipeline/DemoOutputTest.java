package com.streamproc.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOutputTest {
    private static final List<String> OUTPUT = List.of(
            "[demo] producing 300 records: orders 120 (8 duplicates, 2 poison), activity 120 (9 duplicates, 3 poison)",
            "[  8.6s] produced 300/300 | orders 0/120 done, 0 quarantined, 0 failed, lag 120 | activity 0/120 done,"
                    + " 0 quarantined, 0 failed, lag 120 | customers 0/60 done, 0 quarantined, 0 failed, lag 60",
            "[ 13.0s] produced 300/300 | orders 38/120 done, 0 quarantined, 0 failed, lag 101 | activity 0/120 done,"
                    + " 0 quarantined, 0 failed, lag 120 | customers 0/60 done, 0 quarantined, 0 failed, lag 60",
            "[ 19.0s] produced 300/300 | orders 120/120 done, 2 quarantined, 0 failed, lag 0 | activity 120/120 done,"
                    + " 3 quarantined, 0 failed, lag 0 | customers 60/60 done, 2 quarantined, 0 failed, lag 0",
            "",
            "Summary (19.7 s, 15 records/s end to end)",
            "  function   produced  applied  duplicates  quarantined  failed   unaccounted  invocations cold starts",
            "[demo] OK: all 300 records accounted for in 19.7 s");

    @Test
    void readsTheSummaryLine() {
        DemoOutput output = DemoOutput.parse(OUTPUT);

        assertThat(output.elapsedSeconds()).contains(19.7);
        assertThat(output.endToEndRate()).contains(15.0);
        assertThat(output.accountedFor()).isTrue();
    }

    @Test
    void sumsTheProcessedRecordsOfEveryFunctionPerProgressLine() {
        DemoOutput output = DemoOutput.parse(OUTPUT);

        assertThat(output.progress()).containsExactly(new DemoOutput.Progress(8.6, 0),
                new DemoOutput.Progress(13.0, 38), new DemoOutput.Progress(19.0, 300));
    }

    @Test
    void theFlowingRateStartsAtTheFirstLineWithProcessedRecords() {
        DemoOutput output = DemoOutput.parse(OUTPUT);

        assertThat(output.flowingRate()).hasValueSatisfying(rate -> assertThat(rate).isCloseTo((300 - 38) / 6.0,
                org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void aFailedDemoIsNotAccountedForAndHasNoRates() {
        DemoOutput output = DemoOutput.parse(List.of("[demo] FAILED: not every record was processed within 300 s"));

        assertThat(output.accountedFor()).isFalse();
        assertThat(output.endToEndRate()).isEmpty();
        assertThat(output.flowingRate()).isEmpty();
    }
}
