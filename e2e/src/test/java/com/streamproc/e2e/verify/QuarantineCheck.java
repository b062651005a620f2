package com.streamproc.e2e.verify;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Poison;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.shared.dynamo.QuarantineShardReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a function's quarantine table shard by shard ({@link QuarantineShardReader}) and compares it with the records the
 * reference says are poison: the same records (shard + sequence number, and sub-sequence number for a user record
 * of a KPL aggregate), each with its reason code (any one for a record labelled {@link Poison#ANY_REASON}),
 * partition key and original size, and nothing else.
 */
public final class QuarantineCheck {
    private QuarantineCheck() {
    }

    public static Mismatches compare(DynamoDbClient dynamoDb, String table, Map<StreamPosition, String> expected,
                                     List<? extends Delivered<?>> delivered) {
        return compare(dynamoDb, table, expected, delivered, Map.of());
    }

    /**
     * @param redriven records put on the stream again from the quarantine (a redrive), by their new position: a
     *                 quarantine item under a new position stands for the original record
     */
    public static Mismatches compare(DynamoDbClient dynamoDb, String table, Map<StreamPosition, String> expected,
                                     List<? extends Delivered<?>> delivered,
                                     Map<StreamPosition, StreamPosition> redriven) {
        Map<StreamPosition, Delivered<?>> byPosition = new HashMap<>();
        Set<String> shards = new TreeSet<>();
        for (Delivered<?> record : delivered) {
            byPosition.put(record.position(), record);
            shards.add(record.position().shardId());
        }
        Map<String, StreamPosition> expectedByKey = new TreeMap<>();
        expected.keySet().forEach(p -> expectedByKey.put(p.shardId() + "/" + p.sequenceKey(), p));

        Mismatches mismatches = new Mismatches();
        QuarantineShardReader reader = new QuarantineShardReader(dynamoDb, table);
        Set<String> seen = new TreeSet<>();
        for (String shard : shards) {
            for (Map<String, AttributeValue> item : reader.items(shard)) {
                AttributeValue sub = item.get("subSequenceNumber");
                StreamPosition at = new StreamPosition(shard, item.get("sequenceNumber").s(),
                        sub == null ? null : Long.valueOf(sub.n()));
                StreamPosition original = redriven.get(at);
                String key = original != null ? original.shardId() + "/" + original.sequenceKey()
                        : shard + "/" + item.get("sequenceKey").s();
                seen.add(key);
                StreamPosition position = expectedByKey.get(key);
                String reason = item.get("reason").s();
                if (position == null) {
                    Delivered<?> record = byPosition.get(original != null ? original : at);
                    mismatches.add("quarantine holds " + at + " (" + reason + "), which is not poison: "
                            + (record == null ? "not a record of this run" : describe(record)));
                    continue;
                }
                if (Poison.ANY_REASON.equals(expected.get(position))) {
                    if (reason == null || reason.isBlank()) {
                        mismatches.add("quarantine item of " + position + " has no reason code");
                    }
                } else {
                    mismatches.expectEqual("quarantine reason of " + position, expected.get(position), reason);
                }
                Delivered<?> record = byPosition.get(position);
                mismatches.expectEqual("quarantined partition key of " + position, record.record().partitionKey(),
                        item.get("partitionKey").s());
                mismatches.expectEqual("quarantined payload size of " + position,
                        Integer.toString(record.record().data().length), item.get("payloadBytes").n());
            }
        }
        expectedByKey.forEach((key, position) -> {
            if (!seen.contains(key)) {
                mismatches.add("quarantine lacks " + position + " (" + expected.get(position) + "): "
                        + describe(byPosition.get(position)));
            }
        });
        return mismatches;
    }

    /** The record's partition key and what the generator meant by it, shortened. */
    private static String describe(Delivered<?> record) {
        String intent = String.valueOf(record.intent());
        String shown = intent.length() > 200 ? intent.substring(0, 200) + "..." : intent;
        return "key " + record.record().partitionKey() + ", " + shown;
    }
}
