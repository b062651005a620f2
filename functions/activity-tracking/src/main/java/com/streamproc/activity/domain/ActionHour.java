package com.streamproc.activity.domain;

import static com.streamproc.activity.store.ActivityTableLayout.HWM;
import static com.streamproc.activity.store.ActivityTableLayout.PK;
import static com.streamproc.activity.store.ActivityTableLayout.SK;

import com.streamproc.shared.batch.InboundRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An action-hour item: how many events of one action in one UTC hour one shard has counted. The hour's count is
 * the sum over the shards' items, so no item has writers in two shards.
 *
 * <p>{@code hwm} is the padded sequence number of the highest record counted. Records of many users feed one
 * item, so "every record at or below the mark is counted" holds only if the shard's records are applied in
 * sequence order by one writer: the function runs with {@code ParallelizationFactor: 1}, and the batch applier never
 * advances the mark past a record it did not count (see {@code ActivityBatchApplier}).
 *
 * @param hwm null for an item that does not exist yet
 */
public record ActionHour(ActionHourKey key, long count, String hwm) {
    public ActionHour {
        Objects.requireNonNull(key, "key");
    }

    public static ActionHour empty(ActionHourKey key) {
        return new ActionHour(key, 0, null);
    }

    /**
     * This item with the records above its mark counted; {@code this} itself when nothing is new.
     *
     * @param facts the records' padded sequence numbers where computed ahead ({@link RecordFacts#NONE}: computed here)
     */
    public ActionHour applying(List<InboundRecord<ActivityEvent>> records, RecordFacts facts) {
        long newCount = count;
        String newHwm = hwm;
        for (InboundRecord<ActivityEvent> record : records) {
            String sequence = facts.paddedSequence(record);
            if (hwm != null && sequence.compareTo(hwm) <= 0) {
                continue;
            }
            newCount++;
            newHwm = newHwm == null || sequence.compareTo(newHwm) > 0 ? sequence : newHwm;
        }
        return newCount == count ? this : new ActionHour(key, newCount, newHwm);
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(key.itemKey().pk()));
        item.put(SK, AttributeValue.fromS(key.itemKey().sk()));
        item.put("action", AttributeValue.fromS(key.action()));
        item.put("hour", AttributeValue.fromS(ActivityTimes.hourText(key.hour())));
        item.put("shardId", AttributeValue.fromS(key.shardId()));
        item.put("count", AttributeValue.fromN(Long.toString(count)));
        item.put(HWM, AttributeValue.fromS(hwm));
        return item;
    }

    public static ActionHour fromItem(ActionHourKey key, Map<String, AttributeValue> item) {
        return new ActionHour(key, Long.parseLong(item.get("count").n()), item.get(HWM).s());
    }

    /** The count stored in an action-hour item of any shard. */
    public static long countOf(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("count").n());
    }
}
