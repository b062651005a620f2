package com.streamproc.local.esm;

/** Where an event source mapping starts reading a shard the first time. */
public enum StartingPosition {
    /** The oldest record still in the shard. */
    TRIM_HORIZON,
    /** Only records written after the mapping started. */
    LATEST,
    /** The first record at or after {@link EsmSettings#startingPositionTimestamp()}. */
    AT_TIMESTAMP
}
