package com.streamproc.activity.domain;

import com.streamproc.shared.batch.InboundRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a batch's aggregates in memory: groups its records by the item they count in, so that each item is read
 * once, folded once ({@link UserDay#applying}, {@link ActionHour#applying}) and written once, however many records
 * it gets. That is what keeps a hot user with thousands of events in a batch at one write.
 */
public final class ActivityAggregator {
    private ActivityAggregator() {
    }

    /** The records by user-day item (the UTC day of {@code occurredAt}, however late the event arrived). */
    public static Map<UserDayKey, List<InboundRecord<ActivityEvent>>> byUserDay(
            List<InboundRecord<ActivityEvent>> records) {
        Map<UserDayKey, List<InboundRecord<ActivityEvent>>> groups = new LinkedHashMap<>();
        for (InboundRecord<ActivityEvent> record : records) {
            ActivityEvent event = record.event();
            groups.computeIfAbsent(new UserDayKey(event.userId(), ActivityTimes.utcDay(event.occurredAt())),
                    k -> new ArrayList<>()).add(record);
        }
        return groups;
    }

    /** The records by action-hour item (action, UTC hour of {@code occurredAt}, shard of the record). */
    public static Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> byActionHour(
            List<InboundRecord<ActivityEvent>> records) {
        Map<ActionHourKey, List<InboundRecord<ActivityEvent>>> groups = new LinkedHashMap<>();
        for (InboundRecord<ActivityEvent> record : records) {
            groups.computeIfAbsent(actionHourOf(record), k -> new ArrayList<>()).add(record);
        }
        return groups;
    }

    /** The action-hour item a record counts in. */
    public static ActionHourKey actionHourOf(InboundRecord<ActivityEvent> record) {
        ActivityEvent event = record.event();
        return new ActionHourKey(event.action(), ActivityTimes.utcHour(event.occurredAt()), record.ref().shardId());
    }
}
