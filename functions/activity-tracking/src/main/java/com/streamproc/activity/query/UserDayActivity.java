package com.streamproc.activity.query;

import com.streamproc.activity.domain.ActionStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** One user's activity on one UTC day: per action count and first/last seen, and the same in total. */
public record UserDayActivity(String userId, LocalDate day, long total, Instant firstSeen, Instant lastSeen,
                              Map<String, ActionStats> actions) {
    public UserDayActivity {
        actions = Map.copyOf(actions);
    }
}
