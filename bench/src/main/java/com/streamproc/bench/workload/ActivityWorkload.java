package com.streamproc.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.Zipf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The activity workload of the benchmark issue: events of {@code users} users drawn Zipf (exponent 1.2) over
 * {@code actions} actions, timestamps over two hours in arrival order with up to five minutes of lateness, 2 %
 * producer duplicates and 1 % poison (a bad action, a nested attribute), following
 * docs/functions/activity-tracking.md.
 */
public final class ActivityWorkload {
    public static final Instant BASE = Instant.parse("2025-06-01T08:00:00Z");
    public static final double ZIPF_EXPONENT = 1.2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityWorkload() {
    }

    public static Workload generate(int records, int users, int actions, long seed) {
        Random random = new Random(seed);
        Zipf zipf = new Zipf(users, ZIPF_EXPONENT, random);
        String[] actionNames = new String[actions];
        for (int i = 0; i < actions; i++) {
            actionNames[i] = "action." + (char) ('a' + i % 26) + (i / 26);
        }
        long spanMillis = 2 * 3600_000L;
        List<WorkloadRecord> out = new ArrayList<>(records);
        int eventSeq = 0;
        while (out.size() < records) {
            int i = out.size();
            String userId = "user-" + (10_000 + zipf.next());
            long arrivedMillis = spanMillis * i / records;
            long lateness = random.nextDouble() < 0.1 ? random.nextInt(300_000) : random.nextInt(2_000);
            Instant occurredAt = BASE.plusMillis(Math.max(0, arrivedMillis - lateness));
            ObjectNode event = JSON.createObjectNode().put("schemaVersion", 1)
                    .put("eventId", "act-" + seed + "-" + eventSeq++).put("userId", userId)
                    .put("occurredAt", occurredAt.toString())
                    .put("sessionId", "sess-" + userId + "-" + (arrivedMillis / 1_800_000));
            String expected = "applied";
            double p = random.nextDouble();
            if (p < 0.005) {
                event.put("action", "Bad Action!");
                expected = "INVALID_ACTION";
            } else {
                event.put("action", actionNames[random.nextInt(actions)]);
            }
            ObjectNode attributes = event.putObject("attributes").put("page", "/p/" + random.nextInt(200))
                    .put("durationMs", random.nextInt(10_000)).put("mobile", random.nextBoolean());
            if (p >= 0.005 && p < 0.01) {
                attributes.putObject("nested").put("x", 1);
                expected = "INVALID_ATTRIBUTES";
            }
            byte[] data = event.toString().getBytes(StandardCharsets.UTF_8);
            out.add(new WorkloadRecord(userId, data, expected));
            if (expected.equals("applied") && random.nextDouble() < 0.02 && out.size() < records) {
                out.add(new WorkloadRecord(userId, data, "duplicate"));
            }
        }
        return new Workload("activity-tracking", seed, out,
                records + " events over " + users + " users (Zipf " + ZIPF_EXPONENT + "), " + actions
                        + " actions, 2 h of event time, 2 % duplicates, 1 % poison");
    }
}
