package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.cancelled;
import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.placed;
import static com.streamproc.orders.testing.OrderJson.shipped;
import static com.streamproc.orders.testing.OrderProcessingHarness.reported;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderJson;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.kpl.KplAggregateWriter;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KPL aggregates of order events: each user record applied exactly once, also over a replay of the aggregate. */
class AggregatedOrderRecordsTest {
    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    private static byte[] aggregate(List<OrderJson> events) {
        KplAggregateWriter writer = new KplAggregateWriter();
        for (OrderJson event : events) {
            writer.add(event.node().path("orderId").asText(), null, event.json().getBytes(StandardCharsets.UTF_8));
        }
        return writer.build();
    }

    private static String seq(int offset) {
        return KinesisEventFixture.FIRST_SEQUENCE.add(BigInteger.valueOf(offset)).toString();
    }

    /** Record 0 plain (o1 placed), record 1 an aggregate of o1, o2 and o3 events, record 2 plain (o2 shipped). */
    private static KinesisEvent batch(int from) {
        List<Object> records = List.of(
                placed("o1-1", "o1", "c1", "EUR", "10.00"),
                List.of(captured("o1-2", "o1", "EUR", "10.00"), placed("o2-1", "o2", "c2", "EUR", "5.00"),
                        placed("o3-1", "o3", "c3", "EUR", "7.00"), captured("o2-2", "o2", "EUR", "5.00"),
                        OrderJson.event("ORDER_PLACED", "o4-1", "o4"), cancelled("o3-2", "o3")),
                shipped("o2-3", "o2"));
        KinesisEventFixture fixture = KinesisEventFixture.batch().sequence(KinesisEventFixture.FIRST_SEQUENCE.add(
                BigInteger.valueOf(from)));
        for (int i = from; i < records.size(); i++) {
            Object record = records.get(i);
            if (record instanceof OrderJson event) {
                fixture.record(event.node().path("orderId").asText(), event.json());
            } else {
                @SuppressWarnings("unchecked")
                List<OrderJson> events = (List<OrderJson>) record;
                fixture.recordBytes("o1", aggregate(events));
            }
        }
        return fixture.build();
    }

    @Test
    void userRecordsAreAppliedOnceAndOnlyThePoisonOneIsQuarantined() {
        StreamsEventResponse response = harness.deliver(batch(0));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.existingOrder("o2").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.existingOrder("o3").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.order("o4")).isEmpty();
        assertThat(harness.quarantine.reasonsBySequenceId()).containsOnlyKeys(seq(1) + ".4");
        assertThat(harness.quarantine.reasonsBySequenceId().get(seq(1) + ".4"))
                .isEqualTo(ReasonCodes.SCHEMA_VIOLATION);
        assertThat(harness.quarantine.stored().keySet()).singleElement()
                .satisfies(ref -> assertThat(ref.partitionKey()).isEqualTo("o4"));

        // The whole batch again (a redeploy, a bisected retry): nothing changes.
        Map<String, Order> before = harness.store.all();
        harness.store.resetCounts();
        assertThat(harness.deliver(batch(0)).getBatchItemFailures()).isEmpty();
        assertThat(harness.store.all()).isEqualTo(before);
        assertThat(harness.store.saves()).isZero();
    }

    @Test
    void aThrottledUserRecordReportsTheAggregateAndItsReplayAppliesTheRestOnce() {
        harness.store.throttleSaves("o3", Integer.MAX_VALUE);

        StreamsEventResponse response = harness.deliver(batch(0));

        assertThat(reported(response)).containsExactly(seq(1));
        assertThat(harness.existingOrder("o1").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.existingOrder("o2").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.order("o3")).isEmpty();
        Order o1 = harness.existingOrder("o1");
        Order o2 = harness.existingOrder("o2");

        harness.store.heal();
        StreamsEventResponse replay = harness.deliver(batch(1));

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(harness.existingOrder("o1")).isEqualTo(o1);
        assertThat(harness.existingOrder("o2")).isEqualTo(o2);
        assertThat(harness.existingOrder("o3").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("o3").version()).isEqualTo(1);
        assertThat(harness.quarantine.reasonsBySequenceId()).containsOnlyKeys(seq(1) + ".4");
    }
}
