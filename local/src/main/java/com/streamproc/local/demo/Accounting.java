package com.streamproc.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.shared.dynamo.QuarantineShardReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Finds every produced record again: in the function's quarantine table (by shard and sequence number), in its
 * failure destination (by shard and sequence range), or applied in its table (where the function's traffic
 * generator says the record's effect shows, {@link AppliedCheck}). Query and GetItem only.
 */
final class Accounting {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome for one function. */
    record Report(String function, int produced, int applied, int duplicates, int quarantined, int failed,
                  List<String> unaccounted, Map<String, Integer> quarantineReasons, List<String> mismatches) {
        boolean complete() {
            return unaccounted.isEmpty() && applied + quarantined + failed == produced;
        }
    }

    private record Range(String shardId, BigInteger start, BigInteger end) {
    }

    /** Which of the records the function's table shows applied (same positions). */
    @FunctionalInterface
    interface AppliedCheck {
        List<Boolean> applied(List<Producer.Produced> produced) throws Exception;
    }

    private final DynamoDbClient dynamoDb;

    Accounting(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    Report account(String function, List<Producer.Produced> produced, AppliedCheck check, String quarantineTable,
                   Path failureFile) throws Exception {
        Map<String, String> quarantined = quarantined(quarantineTable, produced);
        List<Range> failed = failureRanges(failureFile);
        List<Boolean> applied = check.applied(produced);

        int appliedCount = 0;
        int duplicates = 0;
        int quarantinedCount = 0;
        int failedCount = 0;
        List<String> unaccounted = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < produced.size(); i++) {
            Producer.Produced p = produced.get(i);
            String location = p.shardId() + ":" + p.sequenceNumber();
            String reason = quarantined.get(location);
            DemoRecord record = p.record();
            if (reason != null) {
                quarantinedCount++;
                reasons.merge(reason, 1, Integer::sum);
                if (!record.expectedPoison()) {
                    mismatches.add(record.partitionKey() + " expected " + record.expected() + ", quarantined " + reason);
                }
            } else if (inRange(failed, p)) {
                failedCount++;
            } else if (applied.get(i)) {
                appliedCount++;
                if (record.expected().equals("duplicate")) {
                    duplicates++;
                }
                if (record.expectedPoison()) {
                    mismatches.add(record.partitionKey() + " expected " + record.expected() + ", applied");
                }
            } else {
                unaccounted.add(record.partitionKey() + " at " + location + " (expected " + record.expected() + ")");
            }
        }
        return new Report(function, produced.size(), appliedCount, duplicates, quarantinedCount, failedCount,
                unaccounted, reasons, mismatches);
    }

    /** {@code shardId:sequenceNumber} to reason, for the shards the records went to. */
    private Map<String, String> quarantined(String table, List<Producer.Produced> produced) {
        Map<String, String> found = new HashMap<>();
        Set<String> shards = new TreeSet<>();
        produced.forEach(p -> shards.add(p.shardId()));
        QuarantineShardReader reader = new QuarantineShardReader(dynamoDb, table);
        for (String shard : shards) {
            for (Map<String, AttributeValue> item : reader.items(shard, "sequenceNumber, reason")) {
                found.put(shard + ":" + item.get("sequenceNumber").s(),
                        item.containsKey("reason") ? item.get("reason").s() : "?");
            }
        }
        return found;
    }

    /** Quarantined records per shard, counted (for progress lines). */
    long quarantinedCount(String table, Set<String> shards) {
        QuarantineShardReader reader = new QuarantineShardReader(dynamoDb, table);
        long count = 0;
        for (String shard : shards) {
            count += reader.count(shard);
        }
        return count;
    }

    private static List<Range> failureRanges(Path file) {
        List<Range> ranges = new ArrayList<>();
        if (file == null || !Files.isRegularFile(file)) {
            return ranges;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode info = JSON.readTree(line).path("KinesisBatchInfo");
                ranges.add(new Range(info.path("shardId").asText(),
                        new BigInteger(info.path("startSequenceNumber").asText()),
                        new BigInteger(info.path("endSequenceNumber").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return ranges;
    }

    private static boolean inRange(List<Range> ranges, Producer.Produced p) {
        BigInteger sequence = new BigInteger(p.sequenceNumber());
        for (Range range : ranges) {
            if (range.shardId().equals(p.shardId()) && sequence.compareTo(range.start()) >= 0
                    && sequence.compareTo(range.end()) <= 0) {
                return true;
            }
        }
        return false;
    }

}
