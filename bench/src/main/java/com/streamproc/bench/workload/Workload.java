package com.streamproc.bench.workload;

import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficShape;
import java.util.List;
import java.util.function.Function;

/**
 * A fixed, seeded list of records for one function, in the order a producer sends them: the records of the
 * function's own traffic generator, framed for the benchmarks.
 *
 * @param description what the records are, for the report
 */
public record Workload(String function, long seed, List<WorkloadRecord> records, String description) {
    public Workload {
        records = List.copyOf(records);
    }

    /** The records {@code generator} makes of {@code shape}. */
    public static Workload of(String function, TrafficShape shape, Function<TrafficShape, Traffic> generator) {
        Traffic traffic = generator.apply(shape);
        return new Workload(function, shape.seed(), traffic.records().stream()
                .map(r -> new WorkloadRecord(r.partitionKey(), r.data(), r.expected())).toList(),
                traffic.description());
    }

    public int size() {
        return records.size();
    }

    /** The first {@code n} records (the whole workload when it has fewer). */
    public List<WorkloadRecord> first(int n) {
        return records.subList(0, Math.min(n, records.size()));
    }

    /** Consecutive batches of {@code batchSize} records, the last one possibly shorter. */
    public List<List<WorkloadRecord>> batches(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        List<List<WorkloadRecord>> batches = new java.util.ArrayList<>();
        for (int start = 0; start < records.size(); start += batchSize) {
            batches.add(records.subList(start, Math.min(records.size(), start + batchSize)));
        }
        return batches;
    }

    public long count(String expected) {
        return records.stream().filter(r -> r.expected().equals(expected)).count();
    }

    public long poisonCount() {
        return records.stream().filter(WorkloadRecord::expectedPoison).count();
    }
}
