package com.streamproc.local.esm;

import java.util.List;

/** Reads one shard forward, the way a mapping's shard iterator does. */
@FunctionalInterface
public interface ShardReader {
    /**
     * The next records of the shard after those returned before, in sequence order; empty when the shard has
     * nothing new right now.
     */
    List<StreamRecord> read(int maxRecords) throws Exception;
}
