package com.streamproc.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.streamproc.bench.bill.CapacityMeter;
import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.bill.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class PartitionHeatTest {
    private static final TableSchema.Index BY_DAY = new TableSchema.Index("byDay", List.of("day"),
            ProjectionType.KEYS_ONLY, Set.of());
    private static final TableSchema TABLE = new TableSchema("t", List.of("id"), List.of(BY_DAY));
    private static final ScaleModel.Spread ONE_SHARDS = (target, key) -> false;
    private static final ScaleModel.Spread ALL_SHARDS = (target, key) -> true;

    private final PartitionHeat heat = new PartitionHeat(List.of(TABLE));

    @Test
    void oneKeyWrittenThreeTimesCarriesThreeUnitsAndItsRateIsUnitsOverTheReplaysTime() {
        Map<String, AttributeValue> item = item("a", null, 100);

        heat.written("t", item, null, item);
        heat.written("t", item, item, item);
        heat.written("t", item, item, item);

        assertThat(heat.of("t")).containsOnlyKeys("a");
        assertThat(heat.of("t").get("a").write()).isEqualTo(3.0);
        // One shard's key: 3 units over 1.5 s = 2 units/s at any shard count.
        ScaleModel.Hottest hottest = ScaleModel.hottest(heat.all(), 1.5, 100, ONE_SHARDS).get(0);
        assertThat(hottest.writeKey()).isEqualTo("a");
        assertThat(hottest.writeUnits()).isCloseTo(2.0, within(1e-9));
        assertThat(hottest.writeShare()).isCloseTo(0.002, within(1e-9));
    }

    @Test
    void manyKeysTheHottestIsTheOneWithMostUnitsAndASharedKeyIsMultipliedByTheShards() {
        for (int i = 0; i < 3; i++) {
            heat.written("t", item("c", null, 10), null, item("c", null, 10));
        }
        heat.written("t", item("a", null, 10), null, item("a", null, 10));
        heat.written("t", item("b", null, 10), null, item("b", null, 10));
        heat.written("t", item("b", null, 10), null, item("b", null, 10));

        Map<String, PartitionHeat.Units> units = heat.of("t");
        ScaleModel.Hottest atTen = ScaleModel.hottest(heat.all(), 3.0, 10, ALL_SHARDS).get(0);

        assertThat(units).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().write())
                .containsExactly("a=1.0", "b=2.0", "c=3.0");
        // Every shard writes c: 3 units × 10 shards over 3 s = 10 units/s, 1 % of 1,000.
        assertThat(atTen.writeKey()).isEqualTo("c");
        assertThat(atTen.writeUnits()).isCloseTo(10.0, within(1e-9));
        assertThat(atTen.writeShare()).isCloseTo(0.01, within(1e-9));
    }

    @Test
    void anIndexKeyThatMovesCostsADeleteOnTheOldValueAndAPutOnTheNew() {
        Map<String, AttributeValue> before = item("a", "2026-11-27", 50);
        Map<String, AttributeValue> after = item("a", "2026-11-28", 50);

        heat.written("t", before, null, before); // index: put on 27th (1)
        heat.written("t", after, before, after); // index: delete on 27th (1), put on 28th (1)

        Map<String, PartitionHeat.Units> index = heat.of("t/byDay");
        assertThat(index.get("2026-11-27").write()).isEqualTo(2.0);
        assertThat(index.get("2026-11-28").write()).isEqualTo(1.0);
        // The same rules as the bill: the units per key add up to what the bill charges the index.
        long billed = DynamoDbBill.indexWriteUnits(TABLE, BY_DAY, null, before)
                + DynamoDbBill.indexWriteUnits(TABLE, BY_DAY, before, after);
        assertThat(index.values().stream().mapToDouble(PartitionHeat.Units::write).sum()).isEqualTo(billed);
    }

    @Test
    void anItemOverOneKilobyteTakesOneUnitPerStartedKilobyteAndItsKeysOnlyEntryOne() {
        // id (2 + 1) + day (3 + 10) + payload (7 + 2,500) = 2,523 bytes: 3 write units, 1 strong read unit.
        Map<String, AttributeValue> big = item("a", "2026-11-27", 2_500);

        heat.written("t", big, null, big);
        heat.read("t", Map.of("id", AttributeValue.fromS("a")), big, true);
        heat.read("t", Map.of("id", AttributeValue.fromS("a")), big, false);
        heat.read("t", Map.of("id", AttributeValue.fromS("missing")), null, true);

        assertThat(heat.of("t").get("a")).isEqualTo(new PartitionHeat.Units(3.0, 1.5));
        assertThat(heat.of("t").get("missing")).isEqualTo(new PartitionHeat.Units(0.0, 1.0));
        assertThat(heat.of("t/byDay").get("2026-11-27").write()).isEqualTo(1.0);
    }

    @Test
    void aMeteredPutReachesTheHeatWithItsKey() {
        CapacityMeter meter = new CapacityMeter(new DynamoDbBill(List.of(TABLE))).listen(heat);
        Map<String, AttributeValue> item = item("k", "2026-11-27", 1_100);

        meter.completed(PutItemRequest.builder().tableName("t").item(item).build(), PutItemResponse.builder().build());

        assertThat(heat.of("t").get("k").write()).isEqualTo(2.0);
        assertThat(meter.bill().total().tableWru()).isEqualTo(2.0);
        assertThat(heat.of("t/byDay").get("2026-11-27").write()).isEqualTo(1.0);
    }

    private static Map<String, AttributeValue> item(String id, String day, int payloadBytes) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        if (day != null) {
            item.put("day", AttributeValue.fromS(day));
        }
        item.put("payload", AttributeValue.fromS("x".repeat(payloadBytes)));
        return item;
    }
}
