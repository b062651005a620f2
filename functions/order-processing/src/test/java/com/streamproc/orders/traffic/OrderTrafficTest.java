package com.streamproc.orders.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.testing.StreamTrafficContract;
import com.streamproc.shared.testing.TrafficDigest;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderTrafficTest extends StreamTrafficContract<OrderEvent> {
    /** What {@code traffic(typical(2000, 42))} made before the edge share existed: the benchmarks' workload. */
    private static final String TYPICAL_2000_SEED_42 = "704be700fe85e11c884acd6bda43c8a3da652a344b08423c09a84581e334758d";
    /** The same for a tagged run with every share well above the typical ones. */
    private static final String SHARES_1500_SEED_7 = "6107b1c8a9769f6c987f5b5abce1684cf9ee61de80cb81234c0f4a3457ffd87f";
    /** The same for a demo-like run: a short span ending at a fixed instant. */
    private static final String DEMO_300_SEED_3 = "2675b734871a47e502ce7f88a307ccb22bff0cf8953f50ced38b97e91b72cff5";

    /** Outcomes of records that decode: the stored order decides them, not checked here. */
    private static final Set<String> DECIDED_BY_THE_STORED_ORDER = Set.of(TrafficRecord.APPLIED,
            TrafficRecord.DUPLICATE, OrderReasons.ORDER_UNKNOWN, OrderReasons.INVALID_TRANSITION,
            OrderReasons.CUSTOMER_MISMATCH, OrderReasons.CURRENCY_MISMATCH, OrderReasons.AMOUNT_MISMATCH,
            OrderReasons.REFUND_EXCEEDS_CAPTURE);

    OrderTrafficTest() {
        super(new OrderTraffic(), TYPICAL_2000_SEED_42,
                new OrderEventDecoder(), Set.of(ReasonCodes.EMPTY_RECORD, ReasonCodes.INVALID_UTF8,
                ReasonCodes.MALFORMED_JSON, ReasonCodes.INVALID_UNICODE, ReasonCodes.SCHEMA_VIOLATION,
                ReasonCodes.UNSUPPORTED_SCHEMA_VERSION, ReasonCodes.UNKNOWN_EVENT_TYPE,
                OrderReasons.INVALID_OCCURRED_AT, OrderReasons.INVALID_CURRENCY, OrderReasons.INVALID_AMOUNT,
                OrderReasons.NEGATIVE_AMOUNT, OrderReasons.TOO_MANY_DECIMALS, OrderReasons.AMOUNT_OUT_OF_RANGE,
                OrderReasons.INVALID_QUANTITY, OrderReasons.NO_ITEMS, OrderReasons.TOTAL_MISMATCH,
                ReasonCodes.PARTITION_KEY_MISMATCH, OrderReasons.ORDER_UNKNOWN, OrderReasons.INVALID_TRANSITION,
                OrderReasons.CUSTOMER_MISMATCH, OrderReasons.CURRENCY_MISMATCH, OrderReasons.AMOUNT_MISMATCH,
                OrderReasons.REFUND_EXCEEDS_CAPTURE),
                typical -> typical.withShares(0.05, 0.02, 0.05, 0.05),
                edges -> edges.withShares(0.12, 0.08, 0.06, 0.1));
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

    @Override
    protected Set<String> decodedOutcomes() {
        return DECIDED_BY_THE_STORED_ORDER;
    }

    @Test
    void edgeRecordsHoldTheRarerForms() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 5).withEdgeShare(1)
                .withShares(0.1, 0, 0, 0)).records();

        List<String> decoded = records.stream().filter(r -> !r.stated().isEmpty()).map(TrafficRecord::text).toList();
        assertThat(records).filteredOn(r -> r.expected().equals(TrafficRecord.DUPLICATE)
                && r.text().contains("\"producerAttempt\":2")).isNotEmpty(); // resent in other bytes
        assertThat(records).filteredOn(r -> !r.partitionKey().chars().allMatch(c -> c < 128)).isNotEmpty();
        assertThat(decoded).anyMatch(text -> text.contains("+05:30\""));
        assertThat(decoded).anyMatch(text -> text.matches(".*\"total\":[0-9].*")); // a JSON number
        assertThat(decoded).anyMatch(text -> text.matches(".*\"total\":\"[0-9]+\\.[0-9]*0\".*"));
        assertThat(records).extracting(r -> r.stated().get("currency")).contains("BHD", "KRW", "GBP", "JPY");
        assertThat(records).extracting(r -> r.stated().get("type")).contains("ORDER_PLACED", "PAYMENT_CAPTURED",
                "ORDER_SHIPPED", "ORDER_DELIVERED", "ORDER_CANCELLED", "ORDER_REFUNDED");
    }

    /** As the contract; besides, a record under another order's key states what it says, any other poison nothing. */
    @Override
    protected void assertDecodesAsStated(TrafficRecord record) {
        super.assertDecodesAsStated(record);
        if (record.expected().equals(ReasonCodes.PARTITION_KEY_MISMATCH)) {
            assertThat(read(decode(record))).as(record.text()).isEqualTo(new TreeMap<>(record.stated()));
        } else if (!DECIDED_BY_THE_STORED_ORDER.contains(record.expected())) {
            assertThat(record.stated()).as(record.text()).isEmpty();
        }
    }

    @Override
    protected Map<String, String> read(OrderEvent event) {
        return OrderTraffic.statementOf(event);
    }
}
