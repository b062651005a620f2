package com.streamproc.shared.traffic;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the benchmarks need of a function beyond its descriptor, declared by its traffic service
 * ({@link StreamTraffic#benchmark}).
 *
 * @param id                       short name on the benchmark's command line and in its report
 * @param bookkeepingAttributes    attributes of its items that exist only for exactly-once bookkeeping (applied event
 *                                 ids, per-shard marks, versions): a design without idempotency would not store them
 * @param bookkeepingKeyPrefix     the key prefix ({@code pk}) of items that exist only for bookkeeping, or null
 * @param writeRequestsPerRecordGoal its goal on DynamoDB write requests per record
 * @param writeUnitsPerRecordGoal  a goal on its whole write bill (write units) per record, if it has one
 * @param spreadCostRun            whether the cost benchmark also runs its traffic sent in event-time order
 *                                 ({@link TrafficShape.SendOrder#BY_EVENT_TIME}), where that changes what is
 *                                 written together
 * @param partitionTraits          what the partition-heat model at scale needs of its keys
 */
public record BenchmarkProfile(String id, Set<String> bookkeepingAttributes, String bookkeepingKeyPrefix,
                               double writeRequestsPerRecordGoal, OptionalDouble writeUnitsPerRecordGoal,
                               boolean spreadCostRun, PartitionTraits partitionTraits) {
    public BenchmarkProfile {
        Objects.requireNonNull(id, "id");
        bookkeepingAttributes = Set.copyOf(bookkeepingAttributes);
        Objects.requireNonNull(writeUnitsPerRecordGoal, "writeUnitsPerRecordGoal");
        if (!(writeRequestsPerRecordGoal > 0)) {
            throw new IllegalArgumentException("writeRequestsPerRecordGoal must be positive");
        }
        Objects.requireNonNull(partitionTraits, "partitionTraits");
    }

    /** A profile without partition traits ({@link PartitionTraits#none()}). */
    public BenchmarkProfile(String id, Set<String> bookkeepingAttributes, String bookkeepingKeyPrefix,
                            double writeRequestsPerRecordGoal, OptionalDouble writeUnitsPerRecordGoal,
                            boolean spreadCostRun) {
        this(id, bookkeepingAttributes, bookkeepingKeyPrefix, writeRequestsPerRecordGoal, writeUnitsPerRecordGoal,
                spreadCostRun, PartitionTraits.none());
    }

    public BenchmarkProfile withPartitionTraits(PartitionTraits traits) {
        return new BenchmarkProfile(id, bookkeepingAttributes, bookkeepingKeyPrefix, writeRequestsPerRecordGoal,
                writeUnitsPerRecordGoal, spreadCostRun, traits);
    }
}
