package com.streamproc.e2e.verify;

import com.streamproc.e2e.reference.OrderReference;
import com.streamproc.e2e.reference.OrderReference.DayCurrency;
import com.streamproc.e2e.reference.OrderReference.ExpectedOrder;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.query.OrderQueries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the orders table through the analysts' queries (GetItem, Query) and compares it with the reference. */
public final class OrderStateCheck {
    private OrderStateCheck() {
    }

    /**
     * @param days       the UTC days whose revenue is compared (every currency; absent figures must be zero)
     * @param currencies the currencies to ask revenue for
     */
    public static Mismatches compare(OrderReference reference, OrderQueries queries, Set<LocalDate> days,
                                     Set<String> currencies) {
        Mismatches mismatches = new Mismatches();
        for (ExpectedOrder expected : reference.orders().values()) {
            Optional<Order> stored = queries.orderById(expected.orderId());
            if (stored.isEmpty()) {
                mismatches.add("order " + expected.orderId() + " is missing");
                continue;
            }
            ExpectedOrder actual = asExpected(stored.get());
            if (!expected.equals(actual)) {
                mismatches.add("order " + expected.orderId() + ": expected " + expected + ", found " + actual);
            }
        }
        for (String orderId : reference.orderIdsSeen()) {
            if (!reference.orders().containsKey(orderId) && queries.orderById(orderId).isPresent()) {
                mismatches.add("order " + orderId + " was never placed but is stored");
            }
        }
        Map<DayCurrency, Long> revenue = reference.revenueMinor();
        Set<DayCurrency> asked = new TreeSet<>(revenue.keySet());
        for (LocalDate day : days) {
            for (String currency : currencies) {
                asked.add(new DayCurrency(day, currency));
            }
        }
        for (DayCurrency key : asked) {
            Currency currency = Currency.getInstance(key.currency());
            BigDecimal expected = BigDecimal.valueOf(revenue.getOrDefault(key, 0L),
                    currency.getDefaultFractionDigits());
            BigDecimal actual = queries.revenue(key.day(), currency);
            if (expected.compareTo(actual) != 0) {
                mismatches.add("revenue " + key.day() + " " + key.currency() + ": expected " + expected
                        + ", found " + actual);
            }
        }
        return mismatches;
    }

    private static ExpectedOrder asExpected(Order order) {
        return new ExpectedOrder(order.orderId(), order.status().name(), order.customerId(),
                order.currency().getCurrencyCode(), order.totalMinor(), order.placedAt(), order.statusAt(),
                order.lastEventId(), order.lastEventType().name(), Set.copyOf(order.appliedEventIds()),
                order.capture() == null ? null : order.capture().minor(),
                order.capture() == null ? null : order.capture().at(),
                order.refund() == null ? null : order.refund().minor(),
                order.refund() == null ? null : order.refund().at());
    }
}
