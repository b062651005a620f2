package com.streamproc.shared.traffic;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an applied record leaves its effect in its function's table: the item to read and how that item shows the
 * record. Each function's generator says it for its own records ({@link TrafficRecord#effect}); {@link
 * TrafficEffects} reads the items.
 */
public interface RecordEffect {
    /** The key of the item that shows the record applied, or an empty map when no item can. */
    Map<String, AttributeValue> itemKey();

    /**
     * Whether {@code item} shows the record applied.
     *
     * @param shardId        the shard the record was put on
     * @param sequenceNumber its sequence number there
     */
    boolean shownBy(Map<String, AttributeValue> item, String shardId, String sequenceNumber);

    /** Nothing identifies the record (not JSON, no id): it can only be quarantined. */
    static RecordEffect none() {
        return None.INSTANCE;
    }

    /** The item at {@code key} holds {@code member} in its string set {@code attribute}. */
    static RecordEffect inStringSet(Map<String, AttributeValue> key, String attribute, String member) {
        return new InStringSet(Map.copyOf(key), attribute, member);
    }

    /** See {@link #none()}. */
    enum None implements RecordEffect {
        INSTANCE;

        @Override
        public Map<String, AttributeValue> itemKey() {
            return Map.of();
        }

        @Override
        public boolean shownBy(Map<String, AttributeValue> item, String shardId, String sequenceNumber) {
            return false;
        }
    }

    /** See {@link #inStringSet}. */
    record InStringSet(Map<String, AttributeValue> itemKey, String attribute, String member) implements RecordEffect {
        public InStringSet {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(member, "member");
        }

        @Override
        public boolean shownBy(Map<String, AttributeValue> item, String shardId, String sequenceNumber) {
            AttributeValue set = item.get(attribute);
            return set != null && set.hasSs() && set.ss().contains(member);
        }
    }
}
