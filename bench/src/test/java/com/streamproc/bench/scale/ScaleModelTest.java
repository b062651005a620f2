package com.streamproc.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.streamproc.bench.FunctionSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleModelTest {
    private static final FunctionSettings ORDERS = new FunctionSettings(100, 1, 4, 100, 1024, "arm64");
    private static final FunctionSettings ACTIVITY = new FunctionSettings(500, 5, 1, 100, 1024, "arm64");

    @Test
    void aShardCarriesAThousandSmallRecordsOrOneMebibyteOfLargeOnes() {
        assertThat(ScaleModel.shardRecordsPerSecond(1_024)).isEqualTo(1_000.0);
        assertThat(ScaleModel.shardRecordsPerSecond(102_400)).isCloseTo(10.24, within(1e-9));
    }

    @Test
    void aLanesBatchIsFullOrWhatArrivesInTheWindow() {
        // 1,000 records/s over 4 lanes: 250 per 1 s window, so batches are full (100).
        assertThat(ScaleModel.batchSize(ORDERS, 1_000)).isEqualTo(100);
        // 10.24 records/s over 4 lanes: 2.56 per window, so batches of 2.
        assertThat(ScaleModel.batchSize(ORDERS, 10.24)).isEqualTo(2);
        assertThat(ScaleModel.batchSize(ACTIVITY, 1_000)).isEqualTo(500);
        assertThat(ScaleModel.batchSize(ACTIVITY, 20)).isEqualTo(100);
    }

    @Test
    void onlySharedKeysGrowWithTheShardCountAndReadsAreJudgedAgainstThreeThousand() {
        Map<String, Map<String, PartitionHeat.Units>> heat = Map.of("t", Map.of(
                "day", new PartitionHeat.Units(20, 0),
                "user", new PartitionHeat.Units(30, 600)));
        ScaleModel.Spread dayIsShared = (target, key) -> key.equals("day");

        List<ScaleModel.Hottest> atTen = ScaleModel.hottest(heat, 2.0, 10, dayIsShared);
        List<ScaleModel.Hottest> atHundred = ScaleModel.hottest(heat, 2.0, 100, dayIsShared);

        // At 10 shards: day 20 × 10 / 2 = 100 units/s; user 30 / 2 = 15.
        assertThat(atTen.get(0).writeKey()).isEqualTo("day");
        assertThat(atTen.get(0).writeUnits()).isCloseTo(100, within(1e-9));
        // At 100 shards: day 1,000 units/s, exactly the limit.
        assertThat(atHundred.get(0).writeShare()).isCloseTo(1.0, within(1e-9));
        // Reads: user 600 / 2 = 300 units/s, 10 % of 3,000.
        assertThat(atHundred.get(0).readKey()).isEqualTo("user");
        assertThat(atHundred.get(0).readShare()).isCloseTo(0.1, within(1e-9));
    }
}
