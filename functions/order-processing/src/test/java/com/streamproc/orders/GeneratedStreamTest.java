package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.testing.GeneratedOrders;
import com.streamproc.orders.testing.OrderProcessingHarness;
import com.streamproc.orders.testing.RecordStream;
import com.streamproc.orders.testing.ReplayingDelivery;
import com.streamproc.shared.testing.ShardReplay;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Seeded streams of the function's own generator (orders interleaved, producer retries and resends, poison of every
 * reason, rule breakers, edge cases), delivered with replays of random suffixes and
 * with write failures (throttling, lost responses): every order and every day's revenue ends exactly as the generator
 * says, every poison record is quarantined with its reason, and no order is written more often than it has
 * records.
 */
class GeneratedStreamTest {

    @Property(tries = 25)
    void everyDeliveryWithReplaysEndsInThePlannedState(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int keys) {
        check(seed, keys, 0, 0);
    }

    @Property(tries = 25)
    void writeFailuresAndLostResponsesApplyNothingTwice(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int keys) {
        check(seed, keys, 45, 10);
    }

    private static void check(long seed, int keys, int throttlePercent, int lostResponsePercent) {
        GeneratedOrders generated = GeneratedOrders.generate(seed, 180);
        OrderProcessingHarness harness = new OrderProcessingHarness(keys);
        harness.store.failRandomly(seed, throttlePercent, lostResponsePercent);

        ShardReplay.Stats stats = ReplayingDelivery.run(generated.records(), seed, 5, 60, harness::deliver);

        assertThat(stats.recordsDelivered()).isGreaterThanOrEqualTo(generated.records().size());
        Map<String, Order> stored = harness.store.all();
        assertThat(stored.keySet()).isEqualTo(generated.orders().keySet());
        generated.orders().forEach((id, expected) -> assertThat(stateOf(stored.get(id))).as(id)
                .isEqualTo(expected));
        assertThat(revenueOf(stored)).isEqualTo(generated.revenue());
        Map<String, String> expectedQuarantine = new TreeMap<>();
        generated.poisonReasons().forEach((index, reason) -> expectedQuarantine.put(RecordStream.sequenceOf(index), reason));
        assertThat(new TreeMap<>(harness.quarantined())).isEqualTo(expectedQuarantine);
        if (throttlePercent == 0 && lostResponsePercent == 0) {
            assertThat(harness.store.saveAttempts()).isLessThanOrEqualTo(generated.records().size());
        }
    }

    static GeneratedOrders.ExpectedOrder stateOf(Order order) {
        return new GeneratedOrders.ExpectedOrder(order.orderId(), order.customerId(), order.currency(),
                order.totalMinor(), order.status(), order.placedAt(), order.statusAt(), order.lastEventId(),
                order.appliedEventIds(), order.capture() == null ? null : order.capture().minor(),
                order.capture() == null ? null : order.capture().at(),
                order.refund() == null ? null : order.refund().minor(),
                order.refund() == null ? null : order.refund().at());
    }

    private static Map<String, BigDecimal> revenueOf(Map<String, Order> orders) {
        Map<String, Long> minor = new HashMap<>();
        for (Order order : orders.values()) {
            if (order.capture() != null) {
                minor.merge(order.capture().at().toString().substring(0, 10) + "#" + order.currency(),
                        order.capture().minor(), Long::sum);
            }
            if (order.refund() != null) {
                minor.merge(order.refund().at().toString().substring(0, 10) + "#" + order.currency(),
                        -order.refund().minor(), Long::sum);
            }
        }
        Map<String, BigDecimal> revenue = new TreeMap<>();
        minor.forEach((key, value) -> revenue.put(key,
                BigDecimal.valueOf(value, Currency.getInstance(key.substring(11)).getDefaultFractionDigits())));
        return revenue;
    }
}
