package com.streamproc.e2e.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.activity.traffic.ActivityTraffic;
import com.streamproc.e2e.generate.ActivityIntent;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.HostileRecords;
import com.streamproc.e2e.generate.Poison;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.reference.ActivityReference;
import com.streamproc.e2e.verify.ActivityStateCheck;
import com.streamproc.e2e.verify.Mismatches;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Activity tracking: user-days, action-hours and active users, each event id counted once. */
public final class ActivityModel implements EndToEndModel<ActivityIntent> {
    /** The UTC day of the bad-input catalogue's base activity event. */
    private static final LocalDate CATALOGUE_DAY = LocalDate.parse("2025-03-03");
    /** The start of the suite's activity: three days of events from here (and some days late before it). */
    public static final Instant FIRST_DAY = Instant.parse("2025-03-03T00:00:00Z");
    /** What an activity event can be broken by for certain: its ids, its action, its time. */
    public static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("eventId", "userId", "action"), "action", "\u00DC", "occurredAt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String functionName() {
        return ActivityTrackingDescriptor.NAME;
    }

    /**
     * The stream of the function's own generator at the suite's shape: mostly edge cases (ids of every form, offsets
     * around UTC midnight, days-late events, optional fields absent or null, rare actions, delayed resends in other
     * bytes, every reason code), the rest its everyday events; then the suite's hostile records scattered over it.
     */
    @Override
    public List<Produced<ActivityIntent>> generate(long seed, int scale) {
        Random random = new Random(seed * 31 + 5);
        return HostileRecords.streamOf(new ActivityTraffic().traffic(shape(seed, scale)).records(),
                ActivityModel::intent, (record, intent) -> !record.expectedPoison(), random,
                (i, userId) -> hostile(random, seed, i, userId));
    }

    /** About 230 records per unit of scale over three days: 12 % resends, 30 % late, 7 % poison, 80 % edge cases. */
    public static TrafficShape shape(long seed, int scale) {
        ActivityTraffic traffic = new ActivityTraffic();
        return traffic.typical(230 * scale, seed).withRun("s" + Math.abs(seed % 100_000))
                .withTimes(FIRST_DAY, Duration.ofDays(3)).withShares(0.12, 0.3, 0.07, 0.02).withEdgeShare(0.8);
    }

    /** The intent from what the generator states: the reference model starts from it, never from the bytes. */
    private static ActivityIntent intent(TrafficRecord record) {
        if (record.expectedPoison()) {
            return new ActivityIntent.Poison(record.expected());
        }
        Map<String, String> stated = record.stated();
        return new ActivityIntent.Valid(stated.get("eventId"), stated.get("userId"), stated.get("action"),
                Instant.parse(stated.get("occurredAt")));
    }

    /** A hostile record ({@link HostileRecords}), mostly under the key of a user of the stream. */
    private static Produced<ActivityIntent> hostile(Random random, long seed, int i, String userId) {
        ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("eventId", "hostile-" + seed + "-" + i)
                .put("userId", userId).put("action", "page.view")
                .put("occurredAt", FIRST_DAY.plusSeconds(random.nextInt(72 * 3600)).toString());
        HostileRecords.Made made = HostileRecords.of(random, json, userId, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(), new ActivityIntent.Poison(Poison.ANY_REASON));
    }

    @Override
    public boolean isPoison(ActivityIntent intent) {
        return intent instanceof ActivityIntent.Poison;
    }

    @Override
    public Verdict verify(List<Delivered<ActivityIntent>> delivered, DynamoDbClient dynamoDb, String table) {
        ActivityReference reference = ActivityReference.of(delivered);
        Mismatches mismatches = ActivityStateCheck.compare(reference, new ActivityQueries(dynamoDb, table),
                userDay -> storedItem(dynamoDb, table, userDay));
        return new Verdict(reference.poison(), reference.duplicates(), mismatches);
    }

    /** The user-day item's total and marks as stored, read raw: what a mismatch report needs beyond the queries. */
    private static String storedItem(DynamoDbClient dynamoDb, String table, ActivityReference.UserDay userDay) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("USER#" + userDay.userId()),
                        "sk", AttributeValue.fromS("DAY#" + userDay.day()))).build()).item();
        if (item == null || item.isEmpty()) {
            return "no item";
        }
        Map<String, String> marks = new TreeMap<>();
        AttributeValue hwm = item.get("hwm");
        if (hwm != null && hwm.hasM()) {
            hwm.m().forEach((shard, mark) -> marks.put(shard, mark.s()));
        }
        AttributeValue ids = item.get("ids");
        List<String> segments = new ArrayList<>();
        AttributeValue segs = item.get("idSegs");
        if (segs != null && segs.hasL()) {
            for (AttributeValue segment : segs.l()) {
                segments.add(segment.hasM() ? "sh=" + text(segment.m().get("sh")) + " af=" + text(segment.m().get("af"))
                        + " ix=" + text(segment.m().get("ix")) : "?");
            }
        }
        return "item total " + text(item.get("total")) + ", marks " + marks + ", recent ids "
                + (ids == null || ids.b() == null ? 0 : ids.b().asByteArray().length / 8) + ", segments " + segments;
    }

    private static String text(AttributeValue value) {
        return value == null ? "-" : value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString();
    }

    @Override
    public Set<String> reasonCodes() {
        return ReasonCodeConstants.withShared(ActivityReasonCodes.class);
    }

    @Override
    public Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                                  Map<String, String> checks) {
        String userId = checks.getOrDefault("userId", "user-" + id);
        LocalDate day = LocalDate.parse(checks.getOrDefault("day", CATALOGUE_DAY.toString()));
        Optional<UserDayActivity> activity = new ActivityQueries(dynamoDb, table).userDay(userId, day);
        if (activity.isEmpty() || activity.get().total() != 1) {
            return Optional.of("user-day " + userId + " " + day + " holds "
                    + activity.map(a -> a.total() + " events").orElse("nothing") + ", expected 1");
        }
        return Optional.empty();
    }
}
