package com.streamproc.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.Zipf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * User activity with a Zipf-like mix (a few users produce most events), events arriving out of time order,
 * producer duplicates, and poison: broken JSON, bad actions, timestamps far in the future, a partition key that is
 * not the user, nested attributes, a missing user id. Follows the activity-tracking contract (partition key =
 * userId).
 */
final class ActivityTraffic implements DemoTraffic {
    private final String function;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACTIONS = {"page.view", "page.view", "page.view", "product.view", "product.view",
            "search", "cart.add", "login", "checkout", "logout"};

    private final Random random;
    private final Instant base;
    private final Zipf users;
    private final List<DemoRecord> out = new ArrayList<>();
    private final List<DemoRecord> sent = new ArrayList<>();
    private int eventSeq;

    ActivityTraffic(String function, Random random, Instant base) {
        this.function = function;
        this.random = random;
        this.base = base;
        this.users = new Zipf(150, 1.2, random);
    }

    /** The most active user of the mix. */
    static String topUser() {
        return user(0);
    }

    private static String user(int rank) {
        return "user-" + (1000 + rank);
    }

    @Override
    public List<String> examples() {
        return List.of(topUser());
    }

    @Override
    public List<DemoRecord> generate(int count) {
        while (out.size() < count) {
            double p = random.nextDouble();
            if (p < 0.05) {
                poison();
            } else if (p < 0.10 && !sent.isEmpty()) {
                DemoRecord original = sent.get(random.nextInt(sent.size()));
                out.add(new DemoRecord(function, original.partitionKey(), original.data(), original.trace(),
                        "duplicate"));
            } else {
                DemoRecord record = valid();
                out.add(record);
                sent.add(record);
            }
        }
        return List.copyOf(out.subList(0, count));
    }

    private ObjectNode event(String userId) {
        String eventId = "act-" + (100_000 + eventSeq++);
        // Up to two hours back, in random order: late events must count in their own hour.
        Instant at = base.plus(Duration.ofMillis(random.nextInt(110 * 60 * 1000)));
        ObjectNode event = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", eventId)
                .put("userId", userId).put("action", ACTIONS[random.nextInt(ACTIONS.length)])
                .put("occurredAt", at.toString())
                .put("sessionId", "sess-" + userId.substring(5) + "-" + (1 + random.nextInt(3)));
        if (random.nextBoolean()) {
            event.putObject("attributes").put("page", "/p/" + random.nextInt(50))
                    .put("durationMs", random.nextInt(5_000)).put("mobile", random.nextBoolean());
        }
        return event;
    }

    private DemoRecord valid() {
        String userId = user(users.next());
        ObjectNode event = event(userId);
        return record(userId, event, "applied");
    }

    private DemoRecord record(String partitionKey, ObjectNode event, String expected) {
        return new DemoRecord(function, partitionKey, event.toString().getBytes(StandardCharsets.UTF_8),
                new DemoRecord.Trace.ActivityEvent(event.path("eventId").asText(), event.path("userId").asText(),
                        utcDay(event.path("occurredAt").asText())), expected);
    }

    private static String utcDay(String occurredAt) {
        try {
            return java.time.LocalDate.ofInstant(java.time.OffsetDateTime.parse(occurredAt).toInstant(),
                    java.time.ZoneOffset.UTC).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private void poison() {
        String userId = user(users.next());
        ObjectNode event = event(userId);
        switch (random.nextInt(6)) {
            case 0 -> out.add(new DemoRecord(function, userId, ("{\"schemaVersion\":1,\"eventId\":\"act-x"
                    + eventSeq++ + "\",\"userId\":").getBytes(StandardCharsets.UTF_8), new DemoRecord.Trace.None(),
                    "MALFORMED_JSON"));
            case 1 -> out.add(record(userId, event.put("action", "Add To Cart!"), "INVALID_ACTION"));
            case 2 -> out.add(record(userId, event.put("occurredAt", Instant.now().plus(Duration.ofDays(2)).toString()),
                    "FUTURE_TIMESTAMP"));
            case 3 -> out.add(record(user(users.next() + 1), event, "PARTITION_KEY_MISMATCH"));
            case 4 -> {
                event.putObject("attributes").putObject("nested").put("deep", true);
                out.add(record(userId, event, "INVALID_ATTRIBUTES"));
            }
            default -> {
                event.remove("userId");
                out.add(record(userId, event, "SCHEMA_VIOLATION"));
            }
        }
    }
}
