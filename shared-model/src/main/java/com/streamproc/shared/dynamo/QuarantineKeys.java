package com.streamproc.shared.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write-sharded keys of a quarantine table, shared by the writer and the tools that read it.
 *
 * <p>DynamoDB serves at most 1,000 write units per second on one partition-key value, in a table and in each of its
 * indexes. A poison flood on a large stream would put every quarantined record of a shard on one table key and every
 * record of a day (or of a reason, or a source) on one index key, in rising {@code quarantinedAt} order, which
 * DynamoDB cannot split. So each key carries a bucket derived from the record's own identity (shard and sequence),
 * which spreads a flood evenly and lets a reader compute where a named record is:
 * <ul>
 *   <li>table key {@code shardBucket} = {@code <shardId>#<0..TABLE_BUCKETS-1>} (range {@code sequenceKey});</li>
 *   <li>index keys {@code reasonBucket}, {@code dayBucket}, {@code sourceBucket} =
 *       {@code <value>#<0..INDEX_BUCKETS-1>} (range {@code quarantinedAt}). A query of one reason, day or source
 *       queries every bucket ({@link #indexValues}) and merges.</li>
 * </ul>
 * {@link QuarantineShardReader} reads a shard's records back over its table keys.
 */
public final class QuarantineKeys {
    /** Table partitions per shard: a shard's full ingest of 1 KB poison (2 write units each) stays at 25 %. */
    public static final int TABLE_BUCKETS = 8;
    /**
     * Index partitions per value: a 100-shard stream's full ingest of poison (100,000 one-unit entries per second)
     * stays below 40 % of a partition's limit on average, so that the unevenness of hashing leaves a margin.
     */
    public static final int INDEX_BUCKETS = 256;

    public static final String TABLE_HASH = "shardBucket";
    public static final String TABLE_RANGE = "sequenceKey";
    public static final String REASON_HASH = "reasonBucket";
    public static final String DAY_HASH = "dayBucket";
    public static final String SOURCE_HASH = "sourceBucket";

    private QuarantineKeys() {
    }

    /** The table's partition-key value for a record of {@code shardId} whose padded sequence is {@code sequenceKey}. */
    public static String shardBucket(String shardId, String sequenceKey) {
        return WriteShards.value(shardId, WriteShards.bucket(shardId + "/" + sequenceKey, TABLE_BUCKETS));
    }

    /** Every partition-key value the table holds a shard's records under: read them all to read the shard. */
    public static List<String> shardBuckets(String shardId) {
        return WriteShards.values(shardId, TABLE_BUCKETS);
    }

    /** The index bucket of a record: the same for its three index keys. */
    public static int indexBucket(String shardId, String sequenceKey) {
        return WriteShards.bucket(sequenceKey + "@" + shardId, INDEX_BUCKETS);
    }

    /** An index's partition-key value: {@code value#bucket}. */
    public static String indexValue(String value, int bucket) {
        return WriteShards.value(value, bucket);
    }

    /** Every partition-key value an index holds {@code value} under, bucket 0 first. */
    public static List<String> indexValues(String value) {
        return WriteShards.values(value, INDEX_BUCKETS);
    }

    /** The table key of a record's item. */
    public static Map<String, AttributeValue> tableKey(String shardId, String sequenceKey) {
        return Map.of(TABLE_HASH, AttributeValue.fromS(shardBucket(shardId, sequenceKey)),
                TABLE_RANGE, AttributeValue.fromS(sequenceKey));
    }
}
