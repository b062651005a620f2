package com.streamproc.local.esm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one shard and spreads its records over {@code ParallelizationFactor} lanes by partition key
 * ({@code hash(partitionKey) mod factor}), so records of one key stay in order while different keys may run
 * concurrently. Filter criteria are applied when reading: records that match no filter are dropped and count as
 * processed, as in Lambda.
 */
public final class ShardPoller {
    /** Kinesis GetRecords returns at most 10,000 records. */
    static final int MAX_READ = 10_000;

    private final String shardId;
    private final ShardReader reader;
    private final EsmSettings settings;
    private final EsmListener listener;
    private final Clock clock;
    private final List<Lane> lanes = new ArrayList<>();

    public ShardPoller(String shardId, ShardReader reader, EsmSettings settings, EsmListener listener, Clock clock) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < settings.parallelizationFactor(); i++) {
            lanes.add(new Lane(settings));
        }
    }

    public String shardId() {
        return shardId;
    }

    public List<Lane> lanes() {
        return List.copyOf(lanes);
    }

    /** The lane of a partition key for a factor: stable across runs (String.hashCode is specified). */
    public static int laneOf(String partitionKey, int parallelizationFactor) {
        return Math.floorMod(partitionKey.hashCode(), parallelizationFactor);
    }

    /** Records buffered in lanes, waiting for a batch. */
    public int buffered() {
        return lanes.stream().mapToInt(Lane::buffered).sum();
    }

    /**
     * Reads what the shard has now (at most {@code maxRecords}) and routes it to the lanes.
     *
     * @return how many records were read (including filtered ones)
     */
    public int readOnce(int maxRecords) throws Exception {
        List<StreamRecord> records = reader.read(Math.min(maxRecords, MAX_READ));
        if (records.isEmpty()) {
            return 0;
        }
        listener.recordsRead(shardId, records.size());
        int filtered = 0;
        for (StreamRecord record : records) {
            if (!RecordFilter.anyMatches(settings.filters(), record)) {
                filtered++;
                continue;
            }
            lanes.get(laneOf(record.partitionKey(), lanes.size())).add(record, clock.instant());
        }
        if (filtered > 0) {
            listener.recordsFiltered(shardId, filtered);
        }
        return records.size();
    }

    /**
     * Runs each lane's due batch to its end, lane after lane: a deterministic, single-threaded step for tests and
     * for one-shot use.
     *
     * @return how many batches ran
     */
    public int runDueBatches(BatchRunner runner) throws InterruptedException {
        int ran = 0;
        for (Lane lane : lanes) {
            List<StreamRecord> batch = lane.takeReady(clock.instant());
            if (!batch.isEmpty()) {
                runner.run(shardId, batch);
                ran++;
            }
        }
        return ran;
    }
}
