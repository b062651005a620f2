package com.streamproc.orders.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.orders.domain.MoneyMovement;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderStatus;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OrdersTableTest {
    private static Order refundedOrder() {
        return new Order("o1", OrderStatus.REFUNDED, "c1", Currency.getInstance("EUR"), 1100,
                Instant.parse("2026-11-26T23:30:00.250Z"), Instant.parse("2026-11-28T23:59:59.999Z"),
                Instant.parse("2026-11-29T08:00:00Z"), "e5", OrderEventType.ORDER_REFUNDED,
                Set.of("e1", "e2", "e5"), new MoneyMovement(1100, Instant.parse("2026-11-27T00:00:00Z")),
                new MoneyMovement(450, Instant.parse("2026-11-28T23:59:59.999Z")),
                new TreeMap<>(Map.of("0561234", "INVALID_TRANSITION")), 3);
    }

    @Test
    void itemCarriesTheOrderAndNoKeyOfTheStatusIndex() {
        Map<String, AttributeValue> item = OrdersTable.toItem(refundedOrder());

        assertThat(item.get("orderId").s()).isEqualTo("o1");
        assertThat(item.get("status").s()).isEqualTo("REFUNDED");
        assertThat(item.get("customerId").s()).isEqualTo("c1");
        assertThat(item.get("placedAt").s()).isEqualTo("2026-11-26T23:30:00.250Z");
        assertThat(item.get("statusAt").s()).isEqualTo("2026-11-28T23:59:59.999Z");
        assertThat(item.get("updatedAt").s()).isEqualTo("2026-11-29T08:00:00.000Z");
        assertThat(item.get("totalMinor").n()).isEqualTo("1100");
        assertThat(item.get("capturedMinor").n()).isEqualTo("1100");
        assertThat(item.get("capturedAt").s()).isEqualTo("2026-11-27T00:00:00.000Z");
        assertThat(item.get("refundedMinor").n()).isEqualTo("450");
        // Only status-change items enter byChangeDay; an order's own item never does.
        assertThat(item).doesNotContainKeys("changeDay", "changeDayBucket", "statusDay", "captureDay", "refundDay");
        assertThat(OrdersTable.isStatusChanges(item)).isFalse();
        assertThat(item.get("appliedEventIds").ss()).containsExactlyInAnyOrder("e1", "e2", "e5");
        assertThat(item.get("rejectedRecords").m()).containsEntry("0561234", AttributeValue.fromS("INVALID_TRANSITION"));
        assertThat(item.get("version").n()).isEqualTo("3");
        assertThat(item.get("lastEventId").s()).isEqualTo("e5");
        assertThat(item.get("lastEventType").s()).isEqualTo("ORDER_REFUNDED");
    }

    @Test
    void orderWithoutMoneyMovementsHasNoCaptureOrRefundKeys() {
        Order placed = new Order("o2", OrderStatus.PLACED, "c1", Currency.getInstance("JPY"), 1500,
                Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T08:00:00Z"), null, "e1",
                OrderEventType.ORDER_PLACED, Set.of("e1"), null, null, new TreeMap<>(), 1);

        Map<String, AttributeValue> item = OrdersTable.toItem(placed);

        assertThat(item).doesNotContainKeys("capturedAt", "capturedMinor", "refundedAt", "refundedMinor",
                "rejectedRecords", "updatedAt");
        assertThat(OrdersTable.fromItem(item)).isEqualTo(placed);
    }

    @Test
    void itemReadsBackAsTheSameOrder() {
        Order order = refundedOrder();

        assertThat(OrdersTable.fromItem(OrdersTable.toItem(order))).isEqualTo(order);
    }

    @Test
    void instantsAreFixedWidthSoStringOrderIsTimeOrder() {
        assertThat(OrdersTable.instantText(Instant.parse("2026-11-27T10:00:00Z")))
                .isEqualTo("2026-11-27T10:00:00.000Z")
                .isLessThan(OrdersTable.instantText(Instant.parse("2026-11-27T10:00:00.5Z")));
    }
}
