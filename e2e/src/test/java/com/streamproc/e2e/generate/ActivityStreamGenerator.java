package com.streamproc.e2e.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A reproducible activity stream: users acting over three days (late events in any order), producer duplicates
 * (byte-identical resends, and resends of an id with different content: the first copy counts), and poison.
 */
public final class ActivityStreamGenerator extends SeededStreamGenerator<ActivityIntent> {
    public static final Instant FIRST_DAY = Instant.parse("2025-03-03T00:00:00Z");
    public static final List<String> ACTIONS = List.of("page.view", "page.view", "search", "cart.add", "checkout",
            "login", "video.play_25");

    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2),
            ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(9, 30));

    private int eventCounter;

    private ActivityStreamGenerator(long seed) {
        super(seed, 2);
    }

    /** @param users how many users (2-10 events each, plus duplicates and poison) */
    public static List<Produced<ActivityIntent>> generate(long seed, int users) {
        return new ActivityStreamGenerator(seed).stream(users);
    }

    private List<Produced<ActivityIntent>> stream(int users) {
        List<List<Produced<ActivityIntent>>> perUser = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int k = 0; k < users; k++) {
            // A few non-ASCII ids: they are partition keys and DynamoDB key parts as well.
            userIds.add(k % 11 == 5 ? "usér-" + seed + "-" + k + "-测试" : "u-" + seed + "-" + k);
        }
        for (String userId : userIds) {
            perUser.add(user(userId));
        }
        List<Produced<ActivityIntent>> stream = Interleave.keepingOrderWithin(perUser, random);
        int poison = Math.max(6, stream.size() / 14);
        for (int i = 0; i < poison; i++) {
            // The user is drawn before the place (not as scatter does): it keeps each seed's stream as it was.
            String userId = userIds.get(random.nextInt(userIds.size()));
            stream.add(random.nextInt(stream.size() + 1), poison(i, userId, userIds));
        }
        HostileRecords.scatter(stream, random, i -> hostile(i, userIds.get(random.nextInt(userIds.size()))));
        return stream;
    }

    private List<Produced<ActivityIntent>> user(String userId) {
        List<Produced<ActivityIntent>> records = new ArrayList<>();
        int events = 2 + random.nextInt(9);
        for (int i = 0; i < events; i++) {
            String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
            Instant at = FIRST_DAY.plusMillis((long) (random.nextDouble() * 72 * 3600 * 1000));
            ActivityIntent.Valid event = new ActivityIntent.Valid(nextEventId(), userId, action, at);
            records.add(new Produced<>(userId, Poison.utf8(render(event).toString()), event));
        }
        int duplicates = random.nextInt(100) < 30 ? 1 + random.nextInt(2) : 0;
        for (int d = 0; d < duplicates; d++) {
            Produced<ActivityIntent> original = records.get(random.nextInt(events));
            ActivityIntent.Valid event = (ActivityIntent.Valid) original.intent();
            Produced<ActivityIntent> copy;
            if (random.nextInt(4) == 0) {
                // Same id, different content: the first copy in the stream is the one that counts. The copy stays on
                // the original's UTC day: across batches, duplicates are caught per user and day (the recent event ids
                // of the user-day item, docs/functions/activity-tracking.md "Producer duplicates").
                Instant later = event.occurredAt().plusSeconds(3600);
                Instant moved = later.atZone(ZoneOffset.UTC).toLocalDate()
                        .equals(event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate())
                        ? later : event.occurredAt().minusSeconds(3600);
                ActivityIntent.Valid changed = new ActivityIntent.Valid(event.eventId(), userId,
                        "login".equals(event.action()) ? "search" : "login", moved);
                copy = new Produced<>(userId, Poison.utf8(render(changed).toString()), changed);
            } else {
                copy = new Produced<>(userId, original.data(), event);
            }
            records.add(random.nextInt(records.size() + 1), copy);
        }
        return records;
    }

    private String nextEventId() {
        return "ae-" + seed + "-" + (eventCounter++);
    }

    private ObjectNode render(ActivityIntent.Valid event) {
        ObjectNode json = object();
        json.put("schemaVersion", 1);
        json.put("eventId", event.eventId());
        json.put("userId", event.userId());
        json.put("action", event.action());
        json.put("occurredAt", atOffset(event.occurredAt(), OFFSETS));
        if (random.nextBoolean()) {
            json.put("sessionId", "s-" + random.nextInt(1000));
        }
        if (random.nextInt(3) == 0) {
            ObjectNode attributes = json.putObject("attributes");
            attributes.put("page", "/p/" + random.nextInt(50));
            attributes.put("durationMs", random.nextInt(5000));
            attributes.put("mobile", random.nextBoolean());
            attributes.putNull("referrer");
        }
        return json;
    }

    /** What an activity event can be broken by for certain: its ids, its action, its time. */
    static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("eventId", "userId", "action"), "action", "\u00DC", "occurredAt");

    /** A hostile record ({@link HostileRecords}), mostly under the key of a user of the stream. */
    private Produced<ActivityIntent> hostile(int i, String userId) {
        ActivityIntent.Valid base = new ActivityIntent.Valid("hostile-" + seed + "-" + i, userId, "page.view",
                FIRST_DAY.plusSeconds(random.nextInt(72 * 3600)));
        HostileRecords.Made made = HostileRecords.of(random, render(base), userId, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(), new ActivityIntent.Poison(Poison.ANY_REASON));
    }

    private Produced<ActivityIntent> poison(int i, String userId, List<String> userIds) {
        ActivityIntent.Valid base = new ActivityIntent.Valid("bad-" + seed + "-" + i, userId, "page.view",
                FIRST_DAY.plusSeconds(random.nextInt(72 * 3600)));
        ObjectNode json = render(base);
        String partitionKey = userId;
        String reason;
        byte[] data = null;
        switch (i % 11) {
            case 0 -> {
                reason = "MALFORMED_JSON";
                data = Poison.truncated(json.toString(), random);
            }
            case 1 -> {
                reason = "INVALID_UTF8";
                data = Poison.invalidUtf8(json.toString(), random);
            }
            case 2 -> {
                json.remove("action");
                reason = "SCHEMA_VIOLATION";
            }
            case 3 -> {
                json.put("schemaVersion", 3);
                reason = "UNSUPPORTED_SCHEMA_VERSION";
            }
            case 4 -> {
                json.put("action", "Page View");
                reason = "INVALID_ACTION";
            }
            case 5 -> {
                json.put("occurredAt", "yesterday at noon");
                reason = "INVALID_TIMESTAMP";
            }
            case 6 -> {
                json.put("occurredAt", "2999-01-01T00:00:00Z");
                reason = "FUTURE_TIMESTAMP";
            }
            case 7 -> {
                json.putObject("attributes").putObject("nested").put("a", 1);
                reason = "INVALID_ATTRIBUTES";
            }
            case 8 -> {
                String other = userIds.get((userIds.indexOf(userId) + 1) % userIds.size());
                partitionKey = other.equals(userId) ? userId + "-other" : other;
                reason = "PARTITION_KEY_MISMATCH";
            }
            case 9 -> {
                json.put("eventId", "bad\u0007-" + seed + "-" + i);
                reason = "INVALID_EVENT_ID";
            }
            default -> {
                json.put("sessionId", "   ");
                reason = "INVALID_SESSION_ID";
            }
        }
        return new Produced<>(partitionKey, data != null ? data : Poison.utf8(json.toString()),
                new ActivityIntent.Poison(reason));
    }
}
