package com.streamproc.shared.dynamo;

import java.util.ArrayList;
import java.util.List;

/**
 * Write sharding of a hot partition-key value: DynamoDB serves at most 1,000 write units per second on one
 * partition-key value of a table or index, so a value that many writers share (a day, a reason, a busy customer)
 * is stored as {@code <value>#<bucket>}, the bucket derived from the written item's own identity. A reader of the
 * value queries every bucket ({@link #values}) and merges.
 */
public final class WriteShards {
    private WriteShards() {
    }

    /** The bucket, in {@code [0, buckets)}, of an item identified by {@code identity}; stable across JVMs. */
    public static int bucket(String identity, int buckets) {
        int h = identity.hashCode(); // specified by the JLS: the same everywhere
        // MurmurHash3's finaliser, so that neighbouring identities (rising sequence numbers) land far apart.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, buckets);
    }

    /** The stored partition-key value of {@code value} in {@code bucket}. */
    public static String value(String value, int bucket) {
        return value + "#" + bucket;
    }

    /** Every stored partition-key value of {@code value}, bucket 0 first. */
    public static List<String> values(String value, int buckets) {
        List<String> values = new ArrayList<>(buckets);
        for (int bucket = 0; bucket < buckets; bucket++) {
            values.add(value(value, bucket));
        }
        return values;
    }
}
