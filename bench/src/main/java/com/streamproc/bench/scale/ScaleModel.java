package com.streamproc.bench.scale;

import com.streamproc.bench.FunctionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic that turns one shard's replay into the load on every partition-key value at N shards.
 *
 * <p>A replay is one shard's records (a sample of the scenario's traffic) run through the production code in the
 * batches that shard's event source forms; it stands for {@code records ÷ shard rate} seconds of that shard. Every
 * shard of the stream carries the same traffic over its own keys (the population grows with the stream), so a
 * partition-key value is either <b>one shard's</b> (an order, a user, a person, a shard's quarantine partition: its
 * units per second are those of the replay) or <b>shared</b> by all shards (a day, a reason, an action's hour, a
 * key bucket, a hot entity spread over the shards: each shard adds the replay's units, so they are multiplied by
 * N). {@link Spread} says which.
 */
public final class ScaleModel {
    /** DynamoDB's throughput per partition, hence per partition-key value: write units per second. */
    public static final double WRITE_UNITS_PER_PARTITION = 1_000;
    /** Read units per second per partition. */
    public static final double READ_UNITS_PER_PARTITION = 3_000;
    /** A Kinesis shard's write limit: records per second. */
    public static final double SHARD_RECORDS_PER_SECOND = 1_000;
    /** A Kinesis shard's write limit: bytes per second (1 MiB). */
    public static final double SHARD_BYTES_PER_SECOND = 1_048_576;

    private ScaleModel() {
    }

    /** Which partition-key values all shards write (multiplied by the shard count). */
    @FunctionalInterface
    public interface Spread {
        boolean shared(String target, String keyValue);
    }

    /**
     * The hottest partition-key values of one table or index at a shard count.
     *
     * @param writeKey    the value with the most write units per second
     * @param writeUnits  its write units per second
     * @param readKey     the value with the most read units per second ("" when nothing was read)
     * @param readUnits   its read units per second
     */
    public record Hottest(String target, String writeKey, double writeUnits, String readKey, double readUnits) {
        public double writeShare() {
            return writeUnits / WRITE_UNITS_PER_PARTITION;
        }

        public double readShare() {
            return readUnits / READ_UNITS_PER_PARTITION;
        }
    }

    /** Records per second one shard carries at full ingest, for records of {@code averageBytes}. */
    public static double shardRecordsPerSecond(double averageBytes) {
        return Math.min(SHARD_RECORDS_PER_SECOND, SHARD_BYTES_PER_SECOND / Math.max(1, averageBytes));
    }

    /**
     * Records per batch of one of the shard's {@code ParallelizationFactor} lanes: the lane gets its share of the
     * shard's records and is invoked when {@code BatchSize} records are there or the batching window has passed.
     */
    public static int batchSize(FunctionSettings settings, double shardRecordsPerSecond) {
        double perLane = shardRecordsPerSecond / settings.parallelizationFactor();
        double inWindow = perLane * Math.max(1, settings.batchingWindowSeconds());
        return (int) Math.max(1, Math.min(settings.batchSize(), Math.floor(inWindow)));
    }

    /**
     * Per table and index, the hottest partition-key values at {@code shards} shards.
     *
     * @param heat          units per target, per partition-key value, of one shard's replay
     * @param replaySeconds the time the replay stands for (records ÷ shard rate)
     */
    public static List<Hottest> hottest(Map<String, Map<String, PartitionHeat.Units>> heat, double replaySeconds,
                                        int shards, Spread spread) {
        if (replaySeconds <= 0 || shards < 1) {
            throw new IllegalArgumentException("replaySeconds must be positive and shards at least 1");
        }
        List<Hottest> result = new ArrayList<>();
        heat.forEach((target, byKey) -> {
            String writeKey = "";
            double write = 0;
            String readKey = "";
            double read = 0;
            for (Map.Entry<String, PartitionHeat.Units> entry : byKey.entrySet()) {
                double factor = spread.shared(target, entry.getKey()) ? shards : 1;
                double w = entry.getValue().write() * factor / replaySeconds;
                double r = entry.getValue().read() * factor / replaySeconds;
                if (w > write) {
                    write = w;
                    writeKey = entry.getKey();
                }
                if (r > read) {
                    read = r;
                    readKey = entry.getKey();
                }
            }
            result.add(new Hottest(target, writeKey, write, readKey, read));
        });
        return result;
    }
}
