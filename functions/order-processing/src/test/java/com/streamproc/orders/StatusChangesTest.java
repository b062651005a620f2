package com.streamproc.orders;

import static com.streamproc.orders.testing.OrderJson.cancelled;
import static com.streamproc.orders.testing.OrderJson.captured;
import static com.streamproc.orders.testing.OrderJson.placed;
import static com.streamproc.orders.testing.OrderJson.refunded;
import static com.streamproc.orders.testing.OrderJson.shipped;
import static com.streamproc.orders.testing.OrderProcessingHarness.reported;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.store.OrdersTable;
import com.streamproc.orders.store.StatusChanges;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status-change items the queries find orders by: written before the orders, naming every one of them. */
class StatusChangesTest {
    private final OrderProcessingHarness harness = new OrderProcessingHarness();

    private static RecordStream twoDays() {
        RecordStream stream = new RecordStream();
        stream.add(placed("o1-1", "o1", "c1", "EUR", "11.00").at("2026-11-27T08:00:00Z"));
        stream.add(placed("o2-1", "o2", "c2", "EUR", "5.00").at("2026-11-27T08:30:00Z"));
        stream.add(captured("o1-2", "o1", "EUR", "11.00").at("2026-11-27T09:00:00Z"));
        stream.add(shipped("o1-3", "o1").at("2026-11-27T12:00:00Z"));
        stream.add(cancelled("o2-2", "o2").at("2026-11-27T12:30:00Z"));
        stream.add(refunded("o1-4", "o1", "EUR", "4.50").at("2026-11-28T10:00:00Z"));
        stream.add(placed("o3-1", "o3", "c1", "EUR", "2.00").at("2026-11-28T11:00:00Z"));
        return stream;
    }

    @Test
    void oneItemPerDayNamesEveryOrderUnderEveryStatusItsEventsLeadTo() {
        StreamsEventResponse response = harness.deliver(twoDays().all());

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<StatusChanges> items = List.copyOf(harness.store.statusChanges().values());
        assertThat(items).extracting(StatusChanges::day)
                .containsExactlyInAnyOrder(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-28"));
        StatusChanges first = itemOf(items, "2026-11-27");
        StatusChanges second = itemOf(items, "2026-11-28");
        // Every event's resulting status on the day it occurred, whether or not the order is still in it:
        // o1 ends REFUNDED on the 28th but was captured on the 27th, and revenue of the 27th must find it.
        assertThat(first.orderIds()).containsOnlyKeys(OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.SHIPPED,
                        OrderStatus.CANCELLED)
                .containsEntry(OrderStatus.PLACED, Set.of("o1", "o2")).containsEntry(OrderStatus.PAID, Set.of("o1"))
                .containsEntry(OrderStatus.SHIPPED, Set.of("o1")).containsEntry(OrderStatus.CANCELLED, Set.of("o2"));
        assertThat(second.orderIds()).containsOnlyKeys(OrderStatus.REFUNDED, OrderStatus.PLACED)
                .containsEntry(OrderStatus.REFUNDED, Set.of("o1")).containsEntry(OrderStatus.PLACED, Set.of("o3"));
        assertThat(first.key()).startsWith(StatusChanges.KEY_PREFIX + "2026-11-27#").endsWith("#b");
    }

    @Test
    void theItemsAreDurableBeforeAnyOrderIsWritten() {
        harness.deliver(twoDays().all());

        List<String> writes = harness.store.writes();
        assertThat(writes).hasSize(2 + 3);
        assertThat(writes.subList(0, 2)).allMatch(w -> w.startsWith("changes ")).allMatch(w -> w.endsWith("#b"));
        assertThat(writes.subList(2, 5)).allMatch(w -> w.startsWith("order "));
        for (Order order : harness.store.all().values()) {
            LocalDate day = OrdersTable.utcDay(order.statusAt());
            assertThat(harness.store.statusChanges().values()).as(order.orderId())
                    .anyMatch(item -> item.day().equals(day)
                            && item.orderIds().getOrDefault(order.status(), Set.of()).contains(order.orderId()));
        }
    }

    @Test
    void noOrderIsWrittenWhileTheItemsCannotBe() {
        RecordStream stream = twoDays();
        harness.store.throttleStatusChanges(100);

        StreamsEventResponse response = harness.deliver(stream.all());

        assertThat(reported(response)).containsExactly(RecordStream.sequenceOf(0));
        assertThat(harness.store.saveAttempts()).isZero();
        assertThat(harness.store.all()).isEmpty();

        harness.store.throttleStatusChanges(0);
        assertThat(harness.deliver(stream.all()).getBatchItemFailures()).isEmpty();
        assertThat(harness.store.all()).containsOnlyKeys("o1", "o2", "o3");
    }

    @Test
    void aReplayRewritesItsOwnItemsAndNoOrder() {
        RecordStream stream = twoDays();
        harness.deliver(stream.all());
        var items = harness.store.statusChanges();
        int orderWrites = (int) harness.store.writes().stream().filter(w -> w.startsWith("order ")).count();

        assertThat(harness.deliver(stream.all()).getBatchItemFailures()).isEmpty();

        assertThat(harness.store.statusChanges()).isEqualTo(items);
        assertThat(harness.store.writes()).filteredOn(w -> w.startsWith("order ")).hasSize(orderWrites);
    }

    private static StatusChanges itemOf(List<StatusChanges> items, String day) {
        return items.stream().filter(i -> i.day().equals(LocalDate.parse(day))).findFirst().orElseThrow();
    }
}
