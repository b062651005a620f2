package com.streamproc.tools.quarantine;

import com.streamproc.shared.dynamo.QuarantineKeys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Quarantine items in the shape the shared core's writer stores them. */
final class QuarantineItems {
    private QuarantineItems() {
    }

    static Map<String, AttributeValue> item(String shard, String sequence, String key, String reason,
                                            String payload, boolean truncated) {
        Map<String, AttributeValue> item = new HashMap<>();
        String sequenceKey = String.format("%03d", sequence.length()) + sequence;
        item.put("shardId", AttributeValue.fromS(shard));
        item.put("sequenceKey", AttributeValue.fromS(sequenceKey));
        item.put("sequenceNumber", AttributeValue.fromS(sequence));
        item.put("partitionKey", AttributeValue.fromS(key));
        item.put("function", AttributeValue.fromS("order-processing"));
        item.put("arrivedAt", AttributeValue.fromS("2026-11-27T10:00:00Z"));
        item.put("quarantinedAt", AttributeValue.fromS("2026-11-27T10:00:01.250Z"));
        item.put("quarantineDay", AttributeValue.fromS("2026-11-27"));
        item.put("reason", AttributeValue.fromS(reason));
        item.put("detail", AttributeValue.fromS("ORDER_SHIPPED is not allowed in status PLACED"));
        item.put("payloadEncoding", AttributeValue.fromS("utf-8"));
        item.put("payload", AttributeValue.fromS(payload));
        item.put("payloadTruncated", AttributeValue.fromBool(truncated));
        item.put("payloadBytes", AttributeValue.fromN(Integer.toString(truncated ? 200_000 : payload.length())));
        keys(item);
        return item;
    }

    /** A user record of a KPL aggregate, as the core's writer stores it: its own key and payload, its index. */
    static Map<String, AttributeValue> userRecordItem(String shard, String sequence, long subSequence, String key,
                                                      String reason, String payload) {
        Map<String, AttributeValue> item = item(shard, sequence, key, reason, payload, false);
        String sub = Long.toString(subSequence);
        item.put("sequenceKey", AttributeValue.fromS(String.format("%03d", sequence.length()) + sequence + "."
                + String.format("%03d", sub.length()) + sub));
        item.put("subSequenceNumber", AttributeValue.fromN(sub));
        keys(item);
        return item;
    }

    /** Sets an item's table and index keys from its shard, sequence key, day and reason, as the writer does. */
    static Map<String, AttributeValue> keys(Map<String, AttributeValue> item) {
        String shard = item.get("shardId").s();
        String sequenceKey = item.get("sequenceKey").s();
        int bucket = QuarantineKeys.indexBucket(shard, sequenceKey);
        item.put("shardBucket", AttributeValue.fromS(QuarantineKeys.shardBucket(shard, sequenceKey)));
        item.put("dayBucket", AttributeValue.fromS(QuarantineKeys.indexValue(item.get("quarantineDay").s(), bucket)));
        item.put("reasonBucket", AttributeValue.fromS(QuarantineKeys.indexValue(item.get("reason").s(), bucket)));
        return item;
    }
}
