package com.streamproc.e2e.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.e2e.generate.ActivityIntent;
import com.streamproc.e2e.generate.CustomerIntent;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.OrderIntent;
import com.streamproc.e2e.generate.OrderIntent.Event;
import com.streamproc.e2e.generate.OrderIntent.Type;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.e2e.reference.OrderReference.DayCurrency;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-checked examples for the reference models, so that they are trusted for what they say. */
class ReferenceModelsTest {
    private static final Instant T = Instant.parse("2025-03-03T10:00:00Z");

    @Test
    void ordersFollowTheLifecycleInStreamOrderAndCountEachEventIdOnce() {
        Event placed = order(Type.ORDER_PLACED, "e1", 2500L, T);
        Event captured = order(Type.PAYMENT_CAPTURED, "e2", 2500L, T.plusSeconds(60));
        Event shipped = order(Type.ORDER_SHIPPED, "e3", null, T.plusSeconds(120));
        Event refunded = order(Type.ORDER_REFUNDED, "e4", 1000L, T.plusSeconds(86_400));

        // Stream order: shipped arrives before the capture, the capture twice, the refund last.
        OrderReference reference = OrderReference.of(List.of(
                at("1", placed), at("2", shipped), at("3", captured), at("4", captured), at("10", refunded)));

        OrderReference.ExpectedOrder order = reference.orders().get("o1");
        assertThat(order.status()).isEqualTo("REFUNDED");
        assertThat(order.appliedEventIds()).containsExactlyInAnyOrder("e1", "e2", "e4");
        assertThat(order.capturedMinor()).isEqualTo(2500L);
        assertThat(reference.poison()).containsExactly(Map.entry(new StreamPosition("s", "2"), "INVALID_TRANSITION"));
        assertThat(reference.revenueMinor()).containsExactly(
                Map.entry(new DayCurrency(LocalDate.parse("2025-03-03"), "EUR"), 2500L),
                Map.entry(new DayCurrency(LocalDate.parse("2025-03-04"), "EUR"), -1000L));
    }

    @Test
    void anEventRejectedOnceIsJudgedAgainWhenTheSameIdArrivesLater() {
        Event placed = order(Type.ORDER_PLACED, "e1", 2500L, T);
        Event shipped = order(Type.ORDER_SHIPPED, "e3", null, T.plusSeconds(120));
        Event captured = order(Type.PAYMENT_CAPTURED, "e2", 2500L, T.plusSeconds(60));

        OrderReference reference = OrderReference.of(List.of(
                at("1", placed), at("2", shipped), at("3", captured), at("4", shipped)));

        assertThat(reference.orders().get("o1").status()).isEqualTo("SHIPPED");
        assertThat(reference.poison()).containsOnlyKeys(new StreamPosition("s", "2"));
    }

    @Test
    void ordersCheckCustomerThenCurrencyThenAmountAndKnowNothingOfUnplacedOrders() {
        Event placed = order(Type.ORDER_PLACED, "e1", 2500L, T);
        Event otherCustomer = new Event(Type.ORDER_SHIPPED, "e5", "o1", "someone", null, null, List.of(), T);
        Event wrongAmount = order(Type.PAYMENT_CAPTURED, "e6", 2400L, T);
        Event ghost = new Event(Type.ORDER_CANCELLED, "e7", "o2", null, null, null, List.of(), T);

        OrderReference reference = OrderReference.of(List.of(
                at("1", placed), at("2", otherCustomer), at("3", wrongAmount), at("4", ghost)));

        assertThat(reference.poison().values())
                .containsExactly("INVALID_TRANSITION", "AMOUNT_MISMATCH", "ORDER_UNKNOWN");
        assertThat(reference.orders()).containsOnlyKeys("o1");
    }

    @Test
    void activityCountsTheFirstCopyOfAnEventIdInItsUtcDayAndHour() {
        ActivityIntent.Valid first = new ActivityIntent.Valid("a1", "u1", "login", T.plusMillis(1));
        ActivityIntent.Valid changedCopy = new ActivityIntent.Valid("a1", "u1", "search", T.plusSeconds(7200));
        ActivityIntent.Valid late = new ActivityIntent.Valid("a2", "u1", "login",
                Instant.parse("2025-03-02T23:59:59.999Z"));

        ActivityReference reference = ActivityReference.of(List.of(
                activity("1", first), activity("2", changedCopy), activity("3", late)));

        assertThat(reference.counted()).isEqualTo(2);
        assertThat(reference.actionHours()).containsExactly(
                Map.entry(new ActivityReference.ActionHour("login", LocalDateTime.parse("2025-03-02T23:00")), 1L),
                Map.entry(new ActivityReference.ActionHour("login", LocalDateTime.parse("2025-03-03T10:00")), 1L));
        assertThat(reference.activeUsers())
                .containsOnlyKeys(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-03"));
        assertThat(reference.userDays().get(new ActivityReference.UserDay("u1", LocalDate.parse("2025-03-03")))
                .total()).isEqualTo(new ActivityReference.Stats(1, T.plusMillis(1), T.plusMillis(1)));
    }

    @Test
    void customersTakeTheNewestStatementPerFieldAndBreakTiesBySourceThenValue() {
        CustomerIntent.Valid crm = customer("crm:r1", T, Map.of("fullName", "Ada A", "country", "GB"), Map.of());
        CustomerIntent.Valid shop = customer("webshop:r1", T, Map.of("fullName", "Ada B"),
                Map.of("country", "UNKNOWN_COUNTRY"));
        CustomerIntent.Valid older = customer("erp:r1", T.minusSeconds(60), Map.of("phone", "+442079460001"),
                Map.of("birthDate", "AMBIGUOUS_DATE"));

        CustomerReference reference = CustomerReference.of(List.of(
                customerAt("3", shop), customerAt("1", older), customerAt("2", crm)));

        CustomerReference.ExpectedCustomer customer = reference.customers().get("EMAIL#a@example.com");
        assertThat(customer.values().get("fullName").text()).isEqualTo("Ada B"); // same time: "webshop" > "crm"
        assertThat(customer.values().get("country").text()).isEqualTo("GB");
        // The webshop's unusable country is newer (same time, greater source) than the CRM's value: kept.
        assertThat(customer.drops()).containsOnlyKeys("country", "birthDate");
        assertThat(customer.sources()).containsExactly("crm:r1", "erp:r1", "webshop:r1");
        assertThat(customer.updatedAt()).isEqualTo(T);
    }

    private static Event order(Type type, String eventId, Long amount, Instant at) {
        boolean placed = type == Type.ORDER_PLACED;
        return new Event(type, eventId, "o1", placed ? "c1" : null, amount == null ? null : "EUR", amount,
                List.of(), at);
    }

    private static Delivered<OrderIntent> at(String sequence, Event event) {
        return new Delivered<>(new StreamPosition("s", sequence),
                new Produced<>("o1", new byte[0], new OrderIntent.Valid(event)));
    }

    private static Delivered<ActivityIntent> activity(String sequence, ActivityIntent.Valid event) {
        return new Delivered<>(new StreamPosition("s", sequence), new Produced<>("u1", new byte[0], event));
    }

    private static CustomerIntent.Valid customer(String source, Instant at, Map<String, String> values,
                                                 Map<String, String> drops) {
        return new CustomerIntent.Valid("EMAIL#a@example.com", source, at, values, drops);
    }

    private static Delivered<CustomerIntent> customerAt(String sequence, CustomerIntent.Valid record) {
        return new Delivered<>(new StreamPosition("s", sequence), new Produced<>(record.source(), new byte[0], record));
    }

}
