package com.streamproc.activity.store;

/**
 * Names in the single activity table ({@code ActivityTable}); the design doc describes the items.
 *
 * <ul>
 *   <li>User-day: {@code USER#<userId>} / {@code DAY#<yyyy-MM-dd>}, with {@code activeDay} feeding the
 *       {@code byActiveDay} index: {@code <yyyy-MM-dd>#<bucket>}, the bucket ({@link #ACTIVE_DAY_BUCKETS}) from the
 *       user, since every user's first event of a day (all at once after midnight UTC) enters the index.</li>
 *   <li>Action-hour, one per shard: {@code ACTION#<action>#<yyyy-MM-ddTHH>} / {@code SHARD#<shardId>}.</li>
 * </ul>
 */
public final class ActivityTableLayout {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ACTIVE_DAY_INDEX = "byActiveDay";
    public static final String ACTIVE_DAY = "activeDay";
    /**
     * Partitions of a day in {@code byActiveDay}: after midnight UTC each shard's users enter the index at up to
     * a few hundred per second, far more than one partition's 1,000 write units/s at 100 shards.
     */
    public static final int ACTIVE_DAY_BUCKETS = 64;
    public static final String EXPIRES_AT = "expiresAt";
    /** High-water mark: the padded sequence number of the highest record applied to an item (per shard). */
    public static final String HWM = "hwm";

    public static final String USER_PREFIX = "USER#";
    public static final String DAY_PREFIX = "DAY#";
    public static final String ACTION_PREFIX = "ACTION#";
    public static final String SHARD_PREFIX = "SHARD#";

    private ActivityTableLayout() {
    }
}
