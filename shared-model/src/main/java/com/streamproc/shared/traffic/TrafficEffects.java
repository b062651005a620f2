package com.streamproc.shared.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads back which generated records a function's table shows applied ({@link RecordEffect}), GetItem only. */
public final class TrafficEffects {
    private static final int BATCH_GET = 100;
    private static final int MAX_ROUNDS = 50;

    private TrafficEffects() {
    }

    /**
     * For each record, whether {@code table} shows it applied; items are read once each, with consistent reads.
     *
     * @param shardIds        the shard each record was put on (same positions as {@code records})
     * @param sequenceNumbers each record's sequence number there
     */
    public static List<Boolean> applied(DynamoDbClient dynamoDb, String table, List<TrafficRecord> records,
                                        List<String> shardIds, List<String> sequenceNumbers) {
        if (shardIds.size() != records.size() || sequenceNumbers.size() != records.size()) {
            throw new IllegalArgumentException("one shard id and sequence number per record");
        }
        Map<Map<String, AttributeValue>, Boolean> keys = new LinkedHashMap<>();
        for (TrafficRecord record : records) {
            if (!record.effect().itemKey().isEmpty()) {
                keys.putIfAbsent(record.effect().itemKey(), Boolean.TRUE);
            }
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> all = new ArrayList<>(keys.keySet());
        for (int i = 0; i < all.size(); i += BATCH_GET) {
            List<Map<String, AttributeValue>> chunk = all.subList(i, Math.min(all.size(), i + BATCH_GET));
            for (Map<String, AttributeValue> item : batchGet(dynamoDb, table, chunk)) {
                for (Map<String, AttributeValue> key : chunk) {
                    if (matches(item, key)) {
                        items.put(key, item);
                    }
                }
            }
        }
        List<Boolean> applied = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RecordEffect effect = records.get(i).effect();
            Map<String, AttributeValue> item = items.get(effect.itemKey());
            applied.add(item != null && effect.shownBy(item, shardIds.get(i), sequenceNumbers.get(i)));
        }
        return applied;
    }

    private static boolean matches(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        for (Map.Entry<String, AttributeValue> part : key.entrySet()) {
            if (!part.getValue().equals(item.get(part.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamoDb, String table,
                                                             List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        int rounds = 0;
        while (request != null && !request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(current));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            if (++rounds > MAX_ROUNDS) {
                throw new IllegalStateException("DynamoDB keeps leaving keys of " + table + " unprocessed");
            }
        }
        return items;
    }
}
