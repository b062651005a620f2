package com.streamproc.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.workload.WorkloadRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One shard's traffic in a scenario: the function and the records of the replay, built from the function's
 * benchmark workload.
 *
 * @param name   the scenario, as the report shows it
 * @param goal   the highest share of a partition's limit the scenario may reach (1.0: no throttling)
 */
public record ScaleScenario(String name, BenchFunction function, List<WorkloadRecord> records, double goal) {
    /** Part of every hot entity's id: its keys are written from every shard. */
    public static final String HOT = "-hot";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ScaleScenario {
        records = List.copyOf(records);
    }

    public double averageBytes() {
        return records.stream().mapToInt(r -> r.data().length).average().orElse(1);
    }

    /** Normal traffic: the benchmark workload, its event times compressed into the replay's span. */
    public static ScaleScenario normal(BenchFunction function, int records, long seed) {
        List<WorkloadRecord> sample = function.workload(records, seed).records();
        return new ScaleScenario("normal", function, compressTimes(sample, records), 0.5);
    }

    /**
     * A poison flood: {@code fraction} of the records replaced by undecodable ones of {@code bytes} bytes (JSON cut
     * short), keeping their partition keys. Fewer records when they are large, to bound memory; the replay's span
     * follows from the shard's byte limit.
     */
    public static ScaleScenario poison(BenchFunction function, int records, long seed, double fraction, int bytes) {
        double average = fraction * bytes + (1 - fraction) * 300;
        int n = (int) Math.max(200, Math.min(records, 64L * 1024 * 1024 / average));
        List<WorkloadRecord> base = compressTimes(function.workload(n, seed).records(), n);
        Random random = new Random(seed + 7);
        List<WorkloadRecord> out = new ArrayList<>(base.size());
        int poisoned = 0;
        for (int i = 0; i < base.size(); i++) {
            // Spread evenly: record i is poison when it brings the poisoned count up to fraction × (i + 1).
            if (poisoned < Math.round(fraction * (i + 1))) {
                poisoned++;
                out.add(new WorkloadRecord(base.get(i).partitionKey(), poisonBytes(bytes, random), "MALFORMED"));
            } else {
                out.add(base.get(i));
            }
        }
        String size = bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
        return new ScaleScenario("poison " + Math.round(fraction * 100) + " % × " + size, function, out,
                1.0);
    }

    /**
     * One user sends {@code share} of all activity. Activity's records are keyed by user (the function quarantines
     * a record whose partition key is not its user), so one user's records all ride one shard, which takes at most
     * 1,000 records/s: at 10 shards 10 % is exactly one shard's worth, at 100 shards the producer is throttled at
     * one shard's worth. The replay is that shard, every record the user's ({@code user-top}: one shard's key, not
     * multiplied), and every shard is counted as being like it for the keys all shards share (an upper bound).
     */
    public static ScaleScenario hotUser(int records, long seed, double share) {
        List<WorkloadRecord> base = compressTimes(BenchFunction.byId("activity").workload(records, seed).records(),
                records);
        List<WorkloadRecord> out = new ArrayList<>();
        for (WorkloadRecord record : base) {
            out.add(rewrite(record, "user-top", node -> {
                if (node.has("userId")) {
                    node.put("userId", "user-top");
                }
                if (node.has("sessionId")) {
                    node.put("sessionId", "sess-user-top");
                }
                return node;
            }));
        }
        return new ScaleScenario("hot user (" + Math.round(share * 100) + " % of activity, capped at one shard)",
                BenchFunction.byId("activity"), out, 0.5);
    }

    /** One customer places {@code share} of all orders (every event of the order names that customer). */
    public static ScaleScenario hotCustomer(int records, long seed, double share) {
        List<WorkloadRecord> base = compressTimes(BenchFunction.byId("orders").workload(records, seed).records(),
                records);
        int every = (int) Math.round(1 / share);
        List<WorkloadRecord> out = new ArrayList<>();
        for (WorkloadRecord record : base) {
            if (Math.floorMod(record.partitionKey().hashCode(), every) == 0) {
                out.add(rewrite(record, record.partitionKey(), node -> {
                    if (node.has("customerId")) {
                        node.put("customerId", "cust" + HOT);
                    }
                    return node;
                }));
            } else {
                out.add(record);
            }
        }
        return new ScaleScenario("hot customer (" + Math.round(share * 100) + " % of orders)",
                BenchFunction.byId("orders"), out, 0.5);
    }

    /**
     * A late-data burst: a whole day's events arrive within the replay (at full ingest), their event times spread
     * over the previous day; an order's events keep their order and spacing.
     */
    public static ScaleScenario lateBurst(BenchFunction function, int records, long seed) {
        List<WorkloadRecord> base = compressTimes(function.workload(records, seed).records(), records);
        Random random = new Random(seed + 13);
        List<WorkloadRecord> out = new ArrayList<>();
        for (WorkloadRecord record : base) {
            long back = function.equals(BenchFunction.byId("orders"))
                    ? Math.floorMod(record.partitionKey().hashCode() * 2654435761L, 86_400_000L)
                    : (long) (random.nextDouble() * 86_400_000L);
            out.add(rewrite(record, record.partitionKey(), node -> {
                JsonNode at = node.get("occurredAt");
                if (at != null && at.isTextual()) {
                    node.put("occurredAt", Instant.parse(at.asText()).minus(Duration.ofMillis(back)).toString());
                }
                return node;
            }));
        }
        return new ScaleScenario("late burst (a day's events in one hour)", function, out, 1.0);
    }

    /**
     * The workload's event times ({@code occurredAt}) squeezed into the span its records take at full ingest, as
     * in a live stream: the benchmark workloads spread theirs over hours, which would spread time-keyed items
     * (an action's hour) thinner than a real shard does.
     */
    static List<WorkloadRecord> compressTimes(List<WorkloadRecord> records, int count) {
        Instant first = null;
        for (WorkloadRecord record : records) {
            Instant at = eventTime(record);
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        if (first == null) {
            return records;
        }
        Instant origin = first;
        Instant last = records.stream().map(ScaleScenario::eventTime).filter(a -> a != null)
                .max(Instant::compareTo).orElse(origin);
        double span = Math.max(1, Duration.between(origin, last).toMillis());
        double target = count / ScaleModel.SHARD_RECORDS_PER_SECOND * 1000;
        double factor = Math.min(1, target / span);
        List<WorkloadRecord> out = new ArrayList<>(records.size());
        for (WorkloadRecord record : records) {
            if (record.expectedPoison()) {
                out.add(record); // its times are what make it poison (one far ahead), and it writes no time key
                continue;
            }
            out.add(rewrite(record, record.partitionKey(), node -> {
                JsonNode at = node.get("occurredAt");
                if (at != null && at.isTextual()) {
                    long offset = Duration.between(origin, Instant.parse(at.asText())).toMillis();
                    node.put("occurredAt", origin.plusMillis(Math.round(offset * factor)).toString());
                }
                return node;
            }));
        }
        return out;
    }

    /** The event time of a record the function applies; null for poison and records without one. */
    private static Instant eventTime(WorkloadRecord record) {
        return record.expectedPoison() ? null : occurredAt(record);
    }

    private static Instant occurredAt(WorkloadRecord record) {
        try {
            JsonNode node = JSON.readTree(record.data());
            JsonNode at = node == null ? null : node.get("occurredAt");
            return at != null && at.isTextual() ? Instant.parse(at.asText()) : null;
        } catch (Exception e) {
            return null; // not JSON, or no valid time: left as it is
        }
    }

    private static WorkloadRecord rewrite(WorkloadRecord record, String partitionKey, UnaryOperator<ObjectNode> edit) {
        try {
            JsonNode node = JSON.readTree(record.data());
            if (!(node instanceof ObjectNode object)) {
                return record;
            }
            byte[] data = JSON.writeValueAsBytes(edit.apply(object));
            return new WorkloadRecord(partitionKey, data, record.expected());
        } catch (Exception e) {
            return new WorkloadRecord(partitionKey, record.data(), record.expected()); // poison stays poison
        }
    }

    private static byte[] poisonBytes(int bytes, Random random) {
        StringBuilder text = new StringBuilder(bytes).append("{\"schemaVersion\":1,\"junk\":\"");
        while (text.length() < bytes) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        text.setLength(bytes);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
