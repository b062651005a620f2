package com.streamproc.orders.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTrafficTest {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "704be700fe85e11c884acd6bda43c8a3da652a344b08423c09a84581e334758d";
    /** The same for a tagged run with every share well above the typical ones. */
    private static final String SHARES_1500_SEED_7 = "6107b1c8a9769f6c987f5b5abce1684cf9ee61de80cb81234c0f4a3457ffd87f";
    /** The same for a demo-like run: a short span ending at a fixed instant. */
    private static final String DEMO_300_SEED_3 = "2675b734871a47e502ce7f88a307ccb22bff0cf8953f50ced38b97e91b72cff5";

    private final OrderTraffic traffic = new OrderTraffic();

    @Test
    void typicalTrafficWithoutEdgeCasesIsTheBenchmarksWorkloadByteForByte() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 42)).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(TYPICAL_2000_SEED_42);
    }

    @Test
    void trafficWithHighSharesWithoutEdgeCasesIsUnchangedByteForByte() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(1500, 7).withRun("r7")
                .withShares(0.1, 0.05, 0.08, 0.1)).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(SHARES_1500_SEED_7);
    }

    @Test
    void demoTrafficWithoutEdgeCasesIsUnchangedByteForByte() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(300, 3).withRun("demo")
                .withTimes(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(5))).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(DEMO_300_SEED_3);
    }
}
