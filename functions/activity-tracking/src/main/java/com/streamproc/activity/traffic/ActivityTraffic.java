package com.streamproc.activity.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.decode.ActivityContract;
import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.EventPoison;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>The edge share: user ids with non-ASCII letters and of the maximum length (128), beside the run's own users;
 * event ids likewise; rare actions (one character, 64 characters, digits, {@code _.-}); times at offsets from
 * -12:00 to +14:00, to the second, millisecond or microsecond, many within two hours of a UTC midnight (another day
 * in UTC than where they were written), some days late; {@code sessionId} absent, {@code null}, of maximum length
 * or not ASCII; {@code attributes} absent, {@code null}, empty, or full (20 entries, a name of 64 characters, null,
 * number, string and boolean values); unknown fields; producer resends of an event id up to 60 records later, byte
 * for byte, in other bytes, or with other content (another action, session, or time within the same UTC day: the
 * first copy counts, and its user-day item still holds it among its 256 recent events, as
 * docs/functions/activity-tracking.md, "Producer duplicates", guarantees). One edge record in four is poison, of
 * each kind in turn: truncated JSON, a field name twice, a byte that is never UTF-8, an unpaired surrogate escape,
 * a missing or null required field, {@code schemaVersion} as {@code "1"}, {@code 1.0} or 2, {@code occurredAt} as
 * a number, event, user and session ids too long or with a control character or blank, actions upper-case, empty or
 * too long, times without an offset, before 1970 or after 9999 or in the future, attributes nested, too many or
 * with too long a name, and a valid event under another user's key. ({@code EMPTY_RECORD}, {@code RECORD_TOO_LARGE}
 * and {@code INVALID_AGGREGATE} are not made: no empty, oversized or KPL record.) Edge records are drawn from a
 * random of their own, only when the edge share is above 0: at 0 the records are those made before the knob
 * existed ({@code ActivityTrafficTest} pins them).
 *
 * <p>{@link TrafficRecord#stated() Stated} for every record expected applied and its duplicates (a resend states
 * its own content, which does not count): {@code eventId}, {@code userId}, {@code action}, {@code occurredAt} (the
 * instant in UTC, ISO-8601, as the text gives it: at most to the millisecond) and {@code sessionId} when it is a
 * string. Poison records state nothing.
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
        Edges edges = shape.edgeShare() > 0 ? new Edges(shape, tag) : null;
        while (out.size() < shape.count()) {
            if (edges != null && edges.resendDue(out, times)) {
                continue;
            }
            if (edges != null && edges.drawsEdge()) {
                edges.record(out, times);
                continue;
            }
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
                    data != null ? RecordEffect.none() : UserDayEffect.of(event),
                    expected.equals(TrafficRecord.APPLIED) ? stated(event, occurredAt) : Map.of());
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

    /** What the function must read from an applied event (the fields of the class Javadoc). */
    private static Map<String, String> stated(ObjectNode event, Instant occurredAt) {
        Map<String, String> stated = new HashMap<>();
        stated.put("eventId", event.path("eventId").asText());
        stated.put("userId", event.path("userId").asText());
        stated.put("action", event.path("action").asText());
        stated.put("occurredAt", occurredAt.toString());
        if (event.path("sessionId").isTextual()) {
            stated.put("sessionId", event.path("sessionId").asText());
        }
        return stated;
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

    /**
     * The records of the edge share, from a random of their own: valid events in the contract's rarer forms (among
     * them resends of an event id, later and in other bytes) and one poison record in four, of each kind in turn.
     */
    private static final class Edges {
        private static final String[] OFFSETS = {"-12:00", "-09:30", "-03:00", "+00:00", "Z", "+05:45", "+09:30",
            "+12:45", "+14:00"};
        private static final List<String> RARE_ACTIONS = List.of("a", "0", "_", "x.y-z_9",
                "a".repeat(30) + "._-" + "9".repeat(31));
        private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
        /** The furthest a resend comes after its first copy, in records: far inside the user-day's 256 recent ids. */
        private static final int MAX_RESEND_DELAY = 60;

        private final TrafficShape shape;
        private final Random random;
        /** The shape's shares, drawn from the edge records' own random. */
        private final Draws draws;
        private final String tag;
        private final Zipf zipf;

        /** A resend of an event, waiting for its place: it is sent when {@code due} records are out. */
        private record Resend(int due, TrafficRecord record, Instant time) {
        }

        /** Resends waiting for their place, by the record count at which they are sent. */
        private final List<Resend> pending = new ArrayList<>();
        private final List<String> edgeUsers = new ArrayList<>();
        private int eventSeq;
        private int poisonSeq;

        Edges(TrafficShape shape, String tag) {
            this.shape = shape;
            this.random = new Random(shape.seed() ^ 0xAC7_1E06EL);
            this.draws = new Draws(random, shape);
            this.tag = tag;
            this.zipf = new Zipf(users(shape.count()), shape.keySkew(), random);
            String id = tag + shape.seed();
            edgeUsers.add("us\u00e9r-" + id + "-\u6d4b\u8bd5");
            edgeUsers.add("\u30e6\u30fc\u30b6\u30fc-" + id);
            edgeUsers.add(pad("user-max-" + id + "-", 'x'));
            edgeUsers.add(pad("\u00c6r\u00f8-max-" + id + "-", '\u00f8'));
        }

        private static String pad(String prefix, char fill) {
            return (prefix + String.valueOf(fill).repeat(ActivityContract.MAX_ID_LENGTH)).substring(0,
                    ActivityContract.MAX_ID_LENGTH);
        }

        boolean drawsEdge() {
            return random.nextDouble() < shape.edgeShare();
        }

        /** Sends the resend due at this place, if one is. */
        boolean resendDue(List<TrafficRecord> out, List<Instant> times) {
            if (pending.isEmpty() || pending.get(0).due() > out.size()) {
                return false;
            }
            Resend resend = pending.remove(0);
            out.add(resend.record());
            times.add(resend.time());
            return true;
        }

        void record(List<TrafficRecord> out, List<Instant> times) {
            Instant arrival = arrival(out.size());
            if (random.nextInt(4) == 0) {
                out.add(poison());
            } else {
                out.add(event(out.size(), arrival));
            }
            times.add(arrival);
        }

        private Instant arrival(int index) {
            return shape.start().plusMillis(shape.span().toMillis() * index / Math.max(1, shape.count()));
        }

        private TrafficRecord event(int index, Instant arrival) {
            String userId = random.nextInt(3) == 0 ? edgeUsers.get(random.nextInt(edgeUsers.size()))
                    : user(tag, zipf.next());
            int n = eventSeq++;
            String eventId = switch (random.nextInt(8)) {
                case 0 -> pad("edge-" + tag + shape.seed() + "-" + n + "-", 'e');
                case 1 -> "ereignis-\u00fc-" + tag + shape.seed() + "-" + n;
                default -> "edge-" + tag + shape.seed() + "-" + n;
            };
            String action = random.nextInt(5) == 0 ? RARE_ACTIONS.get(random.nextInt(RARE_ACTIONS.size()))
                    : ACTIONS.get(random.nextInt(ACTIONS.size()));
            Instant occurredAt = occurredAt(arrival);
            ObjectNode event = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", eventId)
                    .put("userId", userId).put("action", action);
            occurredAt = render(event, occurredAt);
            optionalFields(event, n);
            TrafficRecord record = applied(event, occurredAt, TrafficRecord.APPLIED);
            if (draws.duplicate()) {
                int delay = 1 + random.nextInt(MAX_RESEND_DELAY);
                Resend resend = new Resend(index + 1 + delay, resend(record, event, occurredAt, n),
                        arrival(index + 1 + delay));
                int at = 0;
                while (at < pending.size() && pending.get(at).due() <= resend.due()) {
                    at++;
                }
                pending.add(at, resend);
            }
            return record;
        }

        /**
         * The same event id again: byte for byte, the same event in other bytes, or other content (another action,
         * a time moved within the same UTC day, another session): the first copy counts. On the first copy's UTC day,
         * so its user-day item catches it (docs/functions/activity-tracking.md, "Producer duplicates").
         */
        private TrafficRecord resend(TrafficRecord first, ObjectNode event, Instant occurredAt, int n) {
            int kind = random.nextInt(3);
            if (kind == 0) {
                return first.duplicate();
            }
            ObjectNode copy = event.deepCopy();
            Instant at = occurredAt;
            if (kind == 2) {
                copy.put("action", copy.path("action").asText().equals("login") ? "search" : "login");
                Instant moved = occurredAt.plusSeconds(random.nextInt(7200) - 3600);
                if (utcDay(moved.toString()).equals(utcDay(occurredAt.toString()))) {
                    at = moved;
                }
                copy.put("sessionId", "sess-e-resent-" + n);
            }
            at = render(copy, at);
            return applied(copy, at, TrafficRecord.DUPLICATE);
        }

        private TrafficRecord applied(ObjectNode event, Instant occurredAt, String expected) {
            return new TrafficRecord(event.path("userId").asText(), event.toString().getBytes(StandardCharsets.UTF_8),
                    expected, UserDayEffect.of(event), stated(event, occurredAt));
        }

        /** Near a UTC midnight of the span, days late, or anywhere in the span; never after the span. */
        private Instant occurredAt(Instant arrival) {
            Instant at = switch (random.nextInt(4)) {
                case 0 -> {
                    long days = Math.max(1, shape.span().toDays() + 1);
                    Instant midnight = shape.start().truncatedTo(ChronoUnit.DAYS)
                            .plus(Duration.ofDays(1 + random.nextInt((int) Math.min(days, 1_000))));
                    yield midnight.plusMillis(random.nextInt(4 * 3_600_000) - 2 * 3_600_000L);
                }
                case 1 -> arrival.minus(Duration.ofDays(1 + random.nextInt(3)))
                        .minusMillis(random.nextInt(86_400_000));
                default -> shape.start().plusMillis((long) (random.nextDouble() * shape.span().toMillis()));
            };
            return at.isAfter(shape.end()) ? shape.end() : at;
        }

        /**
         * Puts {@code occurredAt} into the event at an offset from -12:00 to +14:00, to the second, millisecond
         * or microsecond; returns the instant the text says.
         */
        private Instant render(ObjectNode event, Instant occurredAt) {
            String offsetText = OFFSETS[random.nextInt(OFFSETS.length)];
            ZoneOffset offset = ZoneOffset.of(offsetText);
            int precision = random.nextInt(3);
            Instant at = precision == 0 ? occurredAt.truncatedTo(ChronoUnit.SECONDS)
                    : occurredAt.truncatedTo(ChronoUnit.MILLIS);
            String local = (precision == 0 ? SECONDS : MILLIS).format(at.atOffset(offset).toLocalDateTime())
                    + (precision == 2 ? "000" : "");
            event.put("occurredAt", local + offsetText);
            return at;
        }

        /** A session id absent, null, of maximum length or not ASCII; attributes absent, null, empty or full. */
        private void optionalFields(ObjectNode event, int n) {
            switch (random.nextInt(5)) {
                case 0 -> {
                }
                case 1 -> event.putNull("sessionId");
                case 2 -> event.put("sessionId", pad("sess-e-" + tag + shape.seed() + "-" + n + "-", 's'));
                case 3 -> event.put("sessionId", "sitzung-\u00df-" + n);
                default -> event.put("sessionId", "sess-e-" + n);
            }
            switch (random.nextInt(6)) {
                case 0 -> {
                }
                case 1 -> event.putNull("attributes");
                case 2 -> event.putObject("attributes");
                case 3 -> {
                    ObjectNode attributes = event.putObject("attributes");
                    for (int i = 0; i < ActivityContract.MAX_ATTRIBUTES - 1; i++) {
                        switch (i % 4) {
                            case 0 -> attributes.putNull("a" + i);
                            case 1 -> attributes.put("a" + i, i * 1.5);
                            case 2 -> attributes.put("a" + i, "w\u00e9rt " + i);
                            default -> attributes.put("a" + i, i % 8 == 3);
                        }
                    }
                    attributes.put("n".repeat(ActivityContract.MAX_ATTRIBUTE_NAME_LENGTH), -1);
                }
                default -> event.putObject("attributes").put("page", "/p/" + random.nextInt(200))
                        .put("referrer", (String) null);
            }
            if (random.nextInt(8) == 0) {
                event.put("traceId", "t-" + n); // unknown fields are ignored
            }
        }

        /** One record of the next poison kind in turn, so that every kind shows up. */
        private TrafficRecord poison() {
            int n = poisonSeq++;
            String userId = user(tag, zipf.next());
            ObjectNode event = JSON.createObjectNode().put("schemaVersion", 1)
                    .put("eventId", "bad-" + tag + shape.seed() + "-" + n).put("userId", userId)
                    .put("action", "page.view").put("occurredAt", shape.start().toString())
                    .put("sessionId", "sess-bad-" + n);
            ObjectNode attributes = event.putObject("attributes").put("page", "/p/1");
            // Every kind in turn: the shared decoder's, then the contract's, then the key rule's.
            List<EventPoison> kinds = List.of(
                    EventPoison.truncated(),
                    EventPoison.rewritten(ReasonCodes.MALFORMED_JSON,
                            text -> text.replaceFirst("\\{", "{\"action\":\"login\",")), // a field name twice
                    EventPoison.notUtf8(),
                    EventPoison.unpairedSurrogate("\"bad-", "\"bad-", ""),
                    EventPoison.without("userId"),
                    EventPoison.schemaVersionAsText(),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION, e -> e.put("schemaVersion", 1.0)),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION,
                            e -> e.put("occurredAt", shape.start().getEpochSecond())),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION, e -> e.putNull("eventId")),
                    EventPoison.futureSchemaVersion(),
                    EventPoison.edited(ActivityReasonCodes.INVALID_EVENT_ID,
                            e -> e.put("eventId", pad("bad-" + n + "-", 'e') + "e")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_EVENT_ID,
                            e -> e.put("eventId", "bad-\u0007-" + tag + shape.seed() + "-" + n)),
                    EventPoison.edited(ActivityReasonCodes.INVALID_USER_ID,
                            e -> e.put("userId", pad(userId + "-", 'u') + "u")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_SESSION_ID, e -> e.put("sessionId", "   ")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_SESSION_ID,
                            e -> e.put("sessionId", pad("sess-", 's') + "s")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ACTION, e -> e.put("action", "Page View")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ACTION, e -> e.put("action", "")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ACTION, e -> e.put("action", "a".repeat(65))),
                    EventPoison.edited(ActivityReasonCodes.INVALID_TIMESTAMP,
                            e -> e.put("occurredAt", "2025-03-03T10:00:00")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_TIMESTAMP,
                            e -> e.put("occurredAt", "1969-12-31T23:59:59Z")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_TIMESTAMP,
                            e -> e.put("occurredAt", "+10000-01-01T00:00:00Z")),
                    EventPoison.edited(ActivityReasonCodes.FUTURE_TIMESTAMP,
                            e -> e.put("occurredAt", "9000-01-01T00:00:00+14:00")),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ATTRIBUTES,
                            e -> attributes.putObject("nested").put("x", 1)),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ATTRIBUTES, e -> {
                        for (int i = 0; i < ActivityContract.MAX_ATTRIBUTES; i++) {
                            attributes.put("k" + i, i);
                        }
                    }),
                    EventPoison.edited(ActivityReasonCodes.INVALID_ATTRIBUTES,
                            e -> attributes.put("n".repeat(65), 1)),
                    EventPoison.underAnotherKey());
            EventPoison kind = kinds.get(n % kinds.size());
            byte[] data = kind.bytes(event, random);
            // A valid event under another user's key.
            String key = kind.misrouted() ? user(tag, users(shape.count()) + zipf.next()) : userId;
            return new TrafficRecord(key, data, kind.reasonCode(), RecordEffect.none());
        }
    }
}
