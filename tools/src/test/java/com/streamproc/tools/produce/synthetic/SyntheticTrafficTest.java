package com.streamproc.tools.produce.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.produce.InputEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticTrafficTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<InputEvent> generate(long orders, long activity, long customers, long seed, double invalid) {
        return generate(orders, activity, customers, seed, invalid, SyntheticTraffic.Knobs.TYPICAL);
    }

    private static List<InputEvent> generate(long orders, long activity, long customers, long seed, double invalid,
                                             SyntheticTraffic.Knobs knobs) {
        Map<PipelineFunction, Long> counts = new LinkedHashMap<>();
        counts.put(TestFunctions.ORDER_PROCESSING, orders);
        counts.put(TestFunctions.ACTIVITY_TRACKING, activity);
        counts.put(TestFunctions.DATA_CLEANSING, customers);
        List<InputEvent> events = new ArrayList<>();
        new SyntheticTraffic(counts, seed, invalid, knobs, CLOCK).forEachRemaining(events::add);
        return events;
    }

    @Test
    void generatesExactlyTheCountOfEachType() {
        List<InputEvent> events = generate(100, 500, 100, 42, 0);

        assertThat(events.stream().collect(Collectors.groupingBy(InputEvent::function, Collectors.counting())))
                .containsEntry(TestFunctions.ORDER_PROCESSING, 100L)
                .containsEntry(TestFunctions.ACTIVITY_TRACKING, 500L)
                .containsEntry(TestFunctions.DATA_CLEANSING, 100L);
    }

    @Test
    void typesAreMixedThroughoutNotOneAfterAnother() {
        List<InputEvent> events = generate(100, 500, 100, 42, 0);

        List<InputEvent> firstTenth = events.subList(0, 70);
        assertThat(firstTenth).extracting(InputEvent::function).containsAll(PipelineFunction.values());
    }

    @Test
    void sameSeedSameEvents() {
        List<String> first = generate(20, 20, 20, 7, 10).stream().map(e -> new String(e.data())).toList();
        List<String> second = generate(20, 20, 20, 7, 10).stream().map(e -> new String(e.data())).toList();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void differentSeedsNeverShareAnOrderId() throws Exception {
        List<String> a = orderIds(generate(50, 0, 0, 1, 0));
        List<String> b = orderIds(generate(50, 0, 0, 2, 0));

        assertThat(a).doesNotContainAnyElementsOf(b);
    }

    @Test
    void everyOrderStartsWithItsPlacementAndFollowsItsLifecycle() throws Exception {
        Map<String, List<String>> typesByOrder = new LinkedHashMap<>();
        for (InputEvent event : generate(400, 0, 0, 3, 0)) {
            JsonNode json = JSON.readTree(event.data());
            typesByOrder.computeIfAbsent(json.get("orderId").asText(), k -> new ArrayList<>()).add(json.get("type").asText());
        }

        assertThat(typesByOrder).isNotEmpty();
        for (List<String> types : typesByOrder.values()) {
            assertThat(types.get(0)).isEqualTo("ORDER_PLACED");
            String status = "PLACED";
            for (String type : types.subList(1, types.size())) {
                status = switch (status + ">" + type) {
                    case "PLACED>PAYMENT_CAPTURED" -> "PAID";
                    case "PLACED>ORDER_CANCELLED", "PAID>ORDER_CANCELLED" -> "CANCELLED";
                    case "PAID>ORDER_SHIPPED" -> "SHIPPED";
                    case "SHIPPED>ORDER_DELIVERED" -> "DELIVERED";
                    case "PAID>ORDER_REFUNDED", "SHIPPED>ORDER_REFUNDED", "DELIVERED>ORDER_REFUNDED" -> "REFUNDED";
                    default -> throw new AssertionError("not a lifecycle step: " + status + " then " + type);
                };
            }
        }
    }

    @Test
    void invalidShareIsRoughlyWhatWasAskedFor() {
        List<InputEvent> events = generate(0, 2000, 0, 11, 10);

        long broken = events.stream().filter(e -> {
            try {
                JsonNode json = JSON.readTree(e.data());
                return !json.has("userId") || json.get("action").asText().contains(" ");
            } catch (Exception notJson) {
                return true;
            }
        }).count();
        assertThat(broken).isBetween(140L, 260L);
    }

    @Test
    void theKnobsSetDuplicatesAndKeySkew() throws Exception {
        List<InputEvent> skewed = generate(0, 4_000, 0, 11, 0, new SyntheticTraffic.Knobs(2.0, 0.10, 0));
        List<InputEvent> uniform = generate(0, 4_000, 0, 11, 0, new SyntheticTraffic.Knobs(0.0, 0, 0));

        // Sent twice: the same event id again.
        Map<String, Long> perEventId = new java.util.HashMap<>();
        for (InputEvent event : skewed) {
            perEventId.merge(JSON.readTree(event.data()).get("eventId").asText(), 1L, Long::sum);
        }
        long copies = perEventId.values().stream().mapToLong(n -> n - 1).sum();
        assertThat((double) copies / skewed.size()).isBetween(0.07, 0.13);
        // Zipf 2 over 400 users: the top user has about 60 % of the events; uniform, about 0.25 %.
        assertThat(topUserShare(skewed)).isGreaterThan(0.4);
        assertThat(topUserShare(uniform)).isLessThan(0.02);
    }

    private static double topUserShare(List<InputEvent> events) throws Exception {
        Map<String, Long> perUser = new java.util.HashMap<>();
        for (InputEvent event : events) {
            perUser.merge(JSON.readTree(event.data()).get("userId").asText(), 1L, Long::sum);
        }
        return (double) java.util.Collections.max(perUser.values()) / events.size();
    }

    private static List<String> orderIds(List<InputEvent> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (InputEvent event : events) {
            ids.add(JSON.readTree(event.data()).get("orderId").asText());
        }
        return ids;
    }
}
