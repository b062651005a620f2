package com.streamproc.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.shared.traffic.PartitionTraits;
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
        return new ScaleScenario("normal", function, compressTimes(function, sample, records), 0.5);
    }

    /**
     * A poison flood: {@code fraction} of the records replaced by undecodable ones of {@code bytes} bytes (JSON cut
     * short), keeping their partition keys. Fewer records when they are large, to bound memory; the replay's span
     * follows from the shard's byte limit.
     */
    public static ScaleScenario poison(BenchFunction function, int records, long seed, double fraction, int bytes) {
        double average = fraction * bytes + (1 - fraction) * 300;
        int n = (int) Math.max(200, Math.min(records, 64L * 1024 * 1024 / average));
        List<WorkloadRecord> base = compressTimes(function, function.workload(n, seed).records(), n);
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
     * One entity the function declares ({@link PartitionTraits.HotKey}) turns hot. When it is the records' partition
     * key (activity's user: the function quarantines a record whose key is not its user), all its records ride one
     * shard, which takes at most 1,000 records/s: at 10 shards 10 % is exactly one shard's worth, at 100 shards the
     * producer is throttled at one shard's worth. The replay is then that shard, every record the entity's (one
     * shard's key, not multiplied), and every shard is counted as being like it for the keys all shards share (an
     * upper bound). Otherwise (orders' customer) the records of the share of partition keys drawn by hash name it,
     * and its values are written from every shard.
     */
    public static ScaleScenario hot(BenchFunction function, PartitionTraits.HotKey hotKey, int records, long seed) {
        List<WorkloadRecord> base = compressTimes(function, function.workload(records, seed).records(), records);
        int every = (int) Math.round(1 / hotKey.share());
        UnaryOperator<ObjectNode> name = node -> {
            hotKey.fields().forEach((field, value) -> {
                if (node.has(field)) {
                    node.put(field, value);
                }
            });
            return node;
        };
        List<WorkloadRecord> out = new ArrayList<>();
        for (WorkloadRecord record : base) {
            if (hotKey.partitionKey() != null) {
                out.add(rewrite(record, hotKey.partitionKey(), name));
            } else if (Math.floorMod(record.partitionKey().hashCode(), every) == 0) {
                out.add(rewrite(record, record.partitionKey(), name));
            } else {
                out.add(record);
            }
        }
        return new ScaleScenario("hot " + hotKey.entity() + " (" + Math.round(hotKey.share() * 100) + " % of "
                + function.id() + (hotKey.partitionKey() != null ? ", capped at one shard)" : ")"), function, out,
                0.5);
    }

    /**
     * A late-data burst: a whole day's events arrive within the replay (at full ingest), their event times spread
     * over the previous day; the records of a key keep their order and spacing when the function declares it (an
     * order's events). Only for a function whose items are keyed by an event time.
     */
    public static ScaleScenario lateBurst(BenchFunction function, int records, long seed) {
        PartitionTraits traits = function.partitionTraits();
        String field = java.util.Objects.requireNonNull(traits.eventTimeField(),
                () -> function.id() + " declares no event time: a late burst means nothing to it");
        List<WorkloadRecord> base = compressTimes(function, function.workload(records, seed).records(), records);
        Random random = new Random(seed + 13);
        List<WorkloadRecord> out = new ArrayList<>();
        for (WorkloadRecord record : base) {
            long back = traits.keyOrderedTimes()
                    ? Math.floorMod(record.partitionKey().hashCode() * 2654435761L, 86_400_000L)
                    : (long) (random.nextDouble() * 86_400_000L);
            out.add(rewrite(record, record.partitionKey(), node -> {
                JsonNode at = node.get(field);
                if (at != null && at.isTextual()) {
                    node.put(field, Instant.parse(at.asText()).minus(Duration.ofMillis(back)).toString());
                }
                return node;
            }));
        }
        return new ScaleScenario("late burst (a day's events in one hour)", function, out, 1.0);
    }

    /**
     * The workload's event times (the function's {@link PartitionTraits#eventTimeField}) squeezed into the span its
     * records take at full ingest, as in a live stream: the benchmark workloads spread theirs over hours, which
     * would spread time-keyed items (an action's hour) thinner than a real shard does. Unchanged for a function
     * without an event time.
     */
    static List<WorkloadRecord> compressTimes(BenchFunction function, List<WorkloadRecord> records, int count) {
        String field = function.partitionTraits().eventTimeField();
        if (field == null) {
            return records;
        }
        Instant first = null;
        for (WorkloadRecord record : records) {
            Instant at = eventTime(record, field);
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        if (first == null) {
            return records;
        }
        Instant origin = first;
        Instant last = records.stream().map(r -> eventTime(r, field)).filter(a -> a != null)
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
                JsonNode at = node.get(field);
                if (at != null && at.isTextual()) {
                    long offset = Duration.between(origin, Instant.parse(at.asText())).toMillis();
                    node.put(field, origin.plusMillis(Math.round(offset * factor)).toString());
                }
                return node;
            }));
        }
        return out;
    }

    /** The event time of a record the function applies; null for poison and records without one. */
    private static Instant eventTime(WorkloadRecord record, String field) {
        return record.expectedPoison() ? null : timeIn(record, field);
    }

    private static Instant timeIn(WorkloadRecord record, String field) {
        try {
            JsonNode node = JSON.readTree(record.data());
            JsonNode at = node == null ? null : node.get(field);
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
