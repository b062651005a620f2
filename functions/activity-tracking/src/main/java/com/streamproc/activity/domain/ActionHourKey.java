package com.streamproc.activity.domain;

import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.store.ItemKey;
import java.time.LocalDateTime;

/** Identifies an action-hour item: one action's count in one UTC hour, as far as one shard contributed to it. */
public record ActionHourKey(String action, LocalDateTime hour, String shardId) {
    /** The partition key shared by the action-hour items of all shards. */
    public static String partitionKey(String action, LocalDateTime hour) {
        return ActivityTableLayout.ACTION_PREFIX + action + "#" + ActivityTimes.hourText(hour);
    }

    public ItemKey itemKey() {
        return new ItemKey(partitionKey(action, hour), ActivityTableLayout.SHARD_PREFIX + shardId);
    }
}
