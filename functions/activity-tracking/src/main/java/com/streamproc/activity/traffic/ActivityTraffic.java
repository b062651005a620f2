package com.streamproc.activity.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.PartitionTraits;
import com.streamproc.shared.traffic.RecordEffect;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import com.streamproc.shared.traffic.Zipf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

/**
 * User activity following docs/functions/activity-tracking.md: users drawn with the shape's key skew from a pool of
 * about one user per ten events (at most 10,000), 20 actions, sessions of half an hour; events arrive through the
 * span in order, each a little late (up to 2 s). The shares: duplicates are producer retries; out of order, events
 * up to five minutes late; poison, broken JSON, a bad action, a nested attribute, a timestamp in the future, a
 * missing user id; invalid, an event put under another user's partition key ({@code PARTITION_KEY_MISMATCH}).
 * An applied event shows in its user-day item: its id's hash among the recent events, or the item's mark for the
 * record's shard at or past the record ({@link UserDayEffect}).
 */
public final class ActivityTraffic extends StreamTraffic {
    /** The actions of the traffic, common ones of a web shop. */
    public static final List<String> ACTIONS = List.of(
            "page.view", "page.scroll", "search", "search.filter", "product.view", "product.zoom", "cart.add",
            "cart.remove", "checkout.start", "checkout.complete", "login", "logout", "signup", "video.play",
            "video.pause", "share", "comment.post", "like", "notification.open", "settings.update");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LATE_MILLIS = 300_000;
    private static final int JITTER_MILLIS = 2_000;

    public ActivityTraffic() {
        super(ActivityTrackingDescriptor.NAME, "userId", 0.4);
    }

    /** Two hours; users Zipf 1.2; 2 % duplicates, 10 % up to five minutes late, 1 % poison. */
    @Override
    public TrafficShape typical(int count, long seed) {
        return TrafficShape.of(count, seed).withKeySkew(1.2).withShares(0.02, 0.10, 0.01, 0);
    }

    @Override
    public BenchmarkProfile benchmark() {
        // An action's hour is one item that every shard writes; a user's records all ride the user's shard.
        return new BenchmarkProfile("activity", Set.of("hwm", "ids", "idSegs"), null, 0.3, OptionalDouble.empty(),
                false).withPartitionTraits(PartitionTraits.eventTimeIn("occurredAt").withSharedKeyPrefixes("ACTION#")
                .withHotKey(new PartitionTraits.HotKey("user", 0.10,
                        Map.of("userId", "user-top", "sessionId", "sess-user-top"), "user-top")));
    }

    /** The users of a run of {@code count} events. */
    static int users(int count) {
        return Math.max(10, Math.min(10_000, count / 10));
    }

    @Override
    public Traffic traffic(TrafficShape shape) {
        Random random = new Random(shape.seed());
        Draws draws = new Draws(random, shape);
        int users = users(shape.count());
        Zipf zipf = draws.zipf(users);
        String tag = shape.run().isEmpty() ? "" : shape.run() + "-";
        long spanMillis = shape.span().toMillis();
        Instant farFuture = Instant.parse("9000-01-01T00:00:00Z");
        List<TrafficRecord> out = new ArrayList<>(shape.count());
        List<Instant> times = new ArrayList<>(shape.count());
        int eventSeq = 0;
        while (out.size() < shape.count()) {
            int i = out.size();
            String userId = user(tag, zipf.next());
            long arrivedMillis = spanMillis * i / Math.max(1, shape.count());
            long lateness = draws.chance(shape.outOfOrderShare()) ? (long) (random.nextDouble() * LATE_MILLIS)
                    : random.nextInt(JITTER_MILLIS);
            Instant occurredAt = shape.start().plusMillis(Math.max(0, arrivedMillis - lateness));
            ObjectNode event = JSON.createObjectNode().put("schemaVersion", 1)
                    .put("eventId", "act-" + tag + shape.seed() + "-" + eventSeq++).put("userId", userId)
                    .put("action", draws.pick(ACTIONS)).put("occurredAt", occurredAt.toString())
                    .put("sessionId", "sess-" + userId + "-" + (arrivedMillis / 1_800_000));
            ObjectNode attributes = event.putObject("attributes").put("page", "/p/" + random.nextInt(200))
                    .put("durationMs", random.nextInt(10_000)).put("mobile", random.nextBoolean());
            String partitionKey = userId;
            String expected = TrafficRecord.APPLIED;
            byte[] data = null;
            switch (draws.kind(1)) {
                case POISON -> {
                    switch (random.nextInt(5)) {
                        case 0 -> {
                            data = ("{\"schemaVersion\":1,\"eventId\":\"act-x" + eventSeq + "\",\"userId\":")
                                    .getBytes(StandardCharsets.UTF_8);
                            expected = "MALFORMED_JSON";
                        }
                        case 1 -> {
                            event.put("action", "Bad Action!");
                            expected = ActivityReasonCodes.INVALID_ACTION;
                        }
                        case 2 -> {
                            attributes.putObject("nested").put("x", 1);
                            expected = "INVALID_ATTRIBUTES";
                        }
                        case 3 -> {
                            event.put("occurredAt", farFuture.toString());
                            expected = ActivityReasonCodes.FUTURE_TIMESTAMP;
                        }
                        default -> {
                            event.remove("userId");
                            expected = "SCHEMA_VIOLATION";
                        }
                    }
                }
                case INVALID -> {
                    partitionKey = user(tag, users + zipf.next());
                    expected = "PARTITION_KEY_MISMATCH";
                }
                case VALID -> {
                    // as generated
                }
            }
            TrafficRecord record = new TrafficRecord(partitionKey,
                    data != null ? data : event.toString().getBytes(StandardCharsets.UTF_8), expected,
                    data != null ? RecordEffect.none() : UserDayEffect.of(event));
            out.add(record);
            times.add(occurredAt);
            if (expected.equals(TrafficRecord.APPLIED) && draws.duplicate() && out.size() < shape.count()) {
                out.add(record.duplicate());
                times.add(occurredAt);
            }
        }
        return new Traffic(sendOrder(shape, out, times), List.of(user(tag, 0)), shape.count() + " events over "
                + users + " users, " + ACTIONS.size() + " actions (" + shape.describe() + ")");
    }

    private static String user(String tag, int rank) {
        return "user-" + tag + (10_000 + rank);
    }

    /** The UTC day of an ISO-8601 date-time, or null when it cannot be read (such a record is never applied). */
    static String utcDay(String occurredAt) {
        try {
            return LocalDate.ofInstant(java.time.OffsetDateTime.parse(occurredAt).toInstant(), ZoneOffset.UTC)
                    .toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

}
