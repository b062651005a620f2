package com.streamproc.activity.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficShape;
import org.junit.jupiter.api.Test;

class ActivityTrafficTest {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "e53ecbae3c9eae825fb7008bdec91f621ed9ec7deeeb1ab7eef67fff4a8e631c";
    /** The same by event time, with a run tag and every share: the other draws' paths, as made before. */
    private static final String SHARES_3000_SEED_7_BY_TIME = "be4c7c1e07a0887c5515ecd25df4171da11f424b859e8efdd61b210324af61a3";
    /** All poison, as {@code produce --generate} asks for its broken events. */
    private static final String POISON_500_SEED_3 = "20b9647bcfb5cc5be2fae4130e643b08462fb83da26662eed359bf681b6c1db3";

    private final ActivityTraffic traffic = new ActivityTraffic();

    @Test
    void typicalTrafficWithoutEdgeCasesIsTheBenchmarksWorkloadByteForByte() {
        var records = traffic.traffic(traffic.typical(2000, 42)).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(TYPICAL_2000_SEED_42);
    }

    @Test
    void trafficOfEveryShareWithoutEdgeCasesIsAsBefore() {
        TrafficShape shape = traffic.typical(3000, 7).withRun("r7").withShares(0.1, 0.3, 0.05, 0.05)
                .withOrder(TrafficShape.SendOrder.BY_EVENT_TIME);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records())).isEqualTo(SHARES_3000_SEED_7_BY_TIME);
    }

    @Test
    void poisonOnlyTrafficWithoutEdgeCasesIsAsBefore() {
        TrafficShape shape = traffic.typical(500, 3).withKeySkew(1).withShares(0, 0, 1, 0);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records())).isEqualTo(POISON_500_SEED_3);
    }
}
