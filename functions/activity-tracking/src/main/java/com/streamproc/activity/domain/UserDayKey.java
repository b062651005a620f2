package com.streamproc.activity.domain;

import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.store.ItemKey;
import java.time.LocalDate;

/** Identifies a user-day item: one user's activity on one UTC day. */
public record UserDayKey(String userId, LocalDate day) {
    public ItemKey itemKey() {
        return new ItemKey(ActivityTableLayout.USER_PREFIX + userId, ActivityTableLayout.DAY_PREFIX + day);
    }
}
