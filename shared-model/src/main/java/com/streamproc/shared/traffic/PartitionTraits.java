package com.streamproc.shared.traffic;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the partition-heat model at scale ({@code bench scale}) needs to know of a function's keys, declared in its
 * {@link BenchmarkProfile}: which of its records' fields is the event time (squeezed into the span a shard takes
 * at full ingest, shifted a day back in the late-data burst), which key values every shard writes, and which
 * entity can turn hot. A function declaring none of it gets the normal and poison-flood scenarios.
 *
 * @param eventTimeField    the JSON field holding an ISO-8601 instant the function keys items by, or null when
 *                          time keys none of its items (no late-data burst then)
 * @param keyOrderedTimes   whether the records of a partition key must keep their order and spacing when shifted
 *                          back (a lifecycle), rather than each moving on its own
 * @param perEntityIndexes  indexes of the function's table whose partition key is one entity's value (a customer,
 *                          a phone number): one shard's keys. Every other index key is written by every shard
 * @param sharedKeyPrefixes prefixes of the function's table keys that every shard writes (an action's hour)
 * @param hotKeys           the entities the model makes hot, one scenario each
 */
public record PartitionTraits(String eventTimeField, boolean keyOrderedTimes, Set<String> perEntityIndexes,
                              Set<String> sharedKeyPrefixes, List<HotKey> hotKeys) {
    public PartitionTraits {
        perEntityIndexes = Set.copyOf(perEntityIndexes);
        sharedKeyPrefixes = Set.copyOf(sharedKeyPrefixes);
        hotKeys = List.copyOf(hotKeys);
    }

    /** Nothing declared: no event time, every index key shared, no hot entity. */
    public static PartitionTraits none() {
        return new PartitionTraits(null, false, Set.of(), Set.of(), List.of());
    }

    /** Event times in {@code field}, each record shifted on its own. */
    public static PartitionTraits eventTimeIn(String field) {
        return new PartitionTraits(Objects.requireNonNull(field, "field"), false, Set.of(), Set.of(), List.of());
    }

    /** As this, the records of a key shifted together (their order and spacing kept). */
    public PartitionTraits keyOrdered() {
        return new PartitionTraits(eventTimeField, true, perEntityIndexes, sharedKeyPrefixes, hotKeys);
    }

    public PartitionTraits withPerEntityIndexes(String... indexes) {
        return new PartitionTraits(eventTimeField, keyOrderedTimes, Set.of(indexes), sharedKeyPrefixes, hotKeys);
    }

    public PartitionTraits withSharedKeyPrefixes(String... prefixes) {
        return new PartitionTraits(eventTimeField, keyOrderedTimes, perEntityIndexes, Set.of(prefixes), hotKeys);
    }

    public PartitionTraits withHotKey(HotKey hotKey) {
        List<HotKey> all = new java.util.ArrayList<>(hotKeys);
        all.add(hotKey);
        return new PartitionTraits(eventTimeField, keyOrderedTimes, perEntityIndexes, sharedKeyPrefixes, all);
    }

    /**
     * One entity that turns hot: {@code share} of the function's records are rewritten to name it.
     *
     * @param entity       what it is, for the report ({@code user}, {@code customer})
     * @param share        the share of the records that name it, 0..1
     * @param fields       JSON fields set to the hot entity's values where a record has them
     * @param partitionKey when the entity is the records' partition key (the function requires it): that key. Every
     *                     record is then the entity's, since its records all ride one shard: the scenario is that
     *                     shard. Null when the entity is not the partition key: its values are written from every
     *                     shard, and the records rewritten are the share of partition keys drawn by hash
     */
    public record HotKey(String entity, double share, Map<String, String> fields, String partitionKey) {
        public HotKey {
            Objects.requireNonNull(entity, "entity");
            fields = Map.copyOf(fields);
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("a hot entity's share must be within (0, 1], was " + share);
            }
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a hot entity needs at least one field to set");
            }
        }
    }
}
