package com.streamproc.bench.workload;

import java.util.List;

/**
 * A fixed, seeded list of records for one function, in the order a producer sends them.
 *
 * @param description what the records are, for the report
 */
public record Workload(String function, long seed, List<WorkloadRecord> records, String description) {
    public Workload {
        records = List.copyOf(records);
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
