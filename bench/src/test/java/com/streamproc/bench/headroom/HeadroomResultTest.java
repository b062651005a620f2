package com.streamproc.bench.headroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionSettings;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadroomResultTest {
    private static HeadroomBenchmark.Result run(double recordsPerSecond, double averageRecordBytes) {
        return new HeadroomBenchmark.Result(BenchFunction.byId("orders"), new FunctionSettings(100, 1, 4, 100, 1024, "arm64"),
                10_000, 10_000 / recordsPerSecond, Collections.nCopies(100, 20.0), 20_000, 0, averageRecordBytes,
                List.of(recordsPerSecond));
    }

    @Test
    void headroomIsTheFunctionsRateWhenTheShardCanHandItOut() {
        // 250-byte records: the 2 MB/s read limit hands out 8,000 records/s, more than the function's 6,000.
        HeadroomBenchmark.Result result = run(6_000, 250);

        assertThat(result.readLimitHeadroom()).isEqualTo(8.0);
        assertThat(result.headroom()).isEqualTo(6.0);
    }

    @Test
    void headroomIsTheReadLimitWhenTheFunctionIsFasterThanTheShardHandsRecordsOut() {
        // 1,000-byte records: 2,000 records/s at 2 MB/s, a third of what the function would process.
        HeadroomBenchmark.Result result = run(6_000, 1_000);

        assertThat(result.headroom()).isEqualTo(2.0);
        // The backlog drains at the read limit's surplus, 1,000 records/s: 3.6 million records in an hour.
        assertThat(result.drainTime()).hasHours(1);
    }
}
