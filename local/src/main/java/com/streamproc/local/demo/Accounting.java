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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Finds every produced record again: in the function's quarantine table (by shard and sequence number), in its
 * failure destination (by shard and sequence range), or applied in its table (by the trace the record leaves:
 * the order's applied event ids, the activity user-day's recent events or mark, the customer's sources). Query and GetItem only.
 */
final class Accounting {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_GET = 100;

    /** The outcome for one function. */
    record Report(String function, int produced, int applied, int duplicates, int quarantined, int failed,
                  List<String> unaccounted, Map<String, Integer> quarantineReasons, List<String> mismatches) {
        boolean complete() {
            return unaccounted.isEmpty() && applied + quarantined + failed == produced;
        }
    }

    private record Range(String shardId, BigInteger start, BigInteger end) {
    }

    private final DynamoDbClient dynamoDb;

    Accounting(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    Report account(String function, List<Producer.Produced> produced, String table, String quarantineTable,
                   Path failureFile) {
        Map<String, String> quarantined = quarantined(quarantineTable, produced);
        List<Range> failed = failureRanges(failureFile);
        Set<DemoRecord.Trace> applied = appliedTraces(table, produced);

        int appliedCount = 0;
        int duplicates = 0;
        int quarantinedCount = 0;
        int failedCount = 0;
        List<String> unaccounted = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Producer.Produced p : produced) {
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
            } else if (applied.contains(record.trace())) {
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

    /** The traces that the function's table confirms, read with BatchGetItem (consistent reads). */
    private Set<DemoRecord.Trace> appliedTraces(String table, List<Producer.Produced> produced) {
        Set<DemoRecord.Trace> confirmed = new HashSet<>();
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (Producer.Produced p : produced) {
            DemoRecord.Trace trace = p.record().trace();
            if (trace instanceof DemoRecord.Trace.OrderEvent order) {
                keys.putIfAbsent(order.orderId(), Map.of("orderId", AttributeValue.fromS(order.orderId())));
            } else if (trace instanceof DemoRecord.Trace.ActivityEvent activity) {
                if (activity.day() != null) {
                    keys.putIfAbsent("USER#" + activity.userId() + "|" + activity.day(), Map.of(
                            "pk", AttributeValue.fromS("USER#" + activity.userId()),
                            "sk", AttributeValue.fromS("DAY#" + activity.day())));
                }
            } else if (trace instanceof DemoRecord.Trace.CustomerSource customer) {
                keys.putIfAbsent(customer.customerKey(),
                        Map.of("customerKey", AttributeValue.fromS(customer.customerKey())));
            }
        }
        List<Map<String, AttributeValue>> items = batchGet(table, new ArrayList<>(keys.values()));
        Map<String, Set<String>> appliedEventIds = new HashMap<>();
        Map<String, Map<String, AttributeValue>> userDays = new HashMap<>();
        Map<String, Set<String>> sources = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.containsKey("orderId")) {
                appliedEventIds.put(item.get("orderId").s(), item.containsKey("appliedEventIds")
                        ? new HashSet<>(item.get("appliedEventIds").ss()) : Set.of());
            } else if (item.containsKey("customerKey")) {
                sources.put(item.get("customerKey").s(), item.containsKey("sources")
                        ? new HashSet<>(item.get("sources").ss()) : Set.of());
            } else if (item.containsKey("pk")) {
                userDays.put(item.get("pk").s() + "|" + item.get("sk").s(), item);
            }
        }
        for (Producer.Produced p : produced) {
            DemoRecord.Trace trace = p.record().trace();
            boolean ok = trace instanceof DemoRecord.Trace.OrderEvent order
                    ? appliedEventIds.getOrDefault(order.orderId(), Set.of()).contains(order.eventId())
                    : trace instanceof DemoRecord.Trace.ActivityEvent activity
                    ? activityApplied(userDays.get("USER#" + activity.userId() + "|DAY#" + activity.day()),
                            activity.eventId(), p)
                    : trace instanceof DemoRecord.Trace.CustomerSource customer
                    && sources.getOrDefault(customer.customerKey(), Set.of()).contains(customer.source());
            if (ok) {
                confirmed.add(trace);
            }
        }
        return confirmed;
    }

    /**
     * Whether the user-day item shows the activity record applied: the event id's hash is among its recent events
     * (the first 8 bytes of its SHA-256, as {@code RecentEvents} keeps them: it was counted, so a copy of it was
     * applied as a duplicate), or the item's mark for the record's shard has reached the record (it was decided).
     */
    private static boolean activityApplied(Map<String, AttributeValue> item, String eventId, Producer.Produced p) {
        if (item == null) {
            return false;
        }
        AttributeValue marks = item.get("hwm");
        if (marks != null && marks.hasM() && marks.m().containsKey(p.shardId())
                && marks.m().get(p.shardId()).s().compareTo(padded(p.sequenceNumber())) >= 0) {
            return true;
        }
        AttributeValue ids = item.get("ids");
        if (ids == null || ids.b() == null) {
            return false;
        }
        byte[] hash;
        try {
            hash = java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] entries = ids.b().asByteArray();
        for (int i = 0; i + 8 <= entries.length; i += 8) {
            if (java.util.Arrays.equals(entries, i, i + 8, hash, 0, 8)) {
                return true;
            }
        }
        return false;
    }

    /** A sequence number as activity's marks store it: three digits of length, then the digits without leading zeros. */
    private static String padded(String sequenceNumber) {
        String digits = new BigInteger(sequenceNumber).toString();
        return String.format(java.util.Locale.ROOT, "%03d", digits.length()) + digits;
    }

    private List<Map<String, AttributeValue>> batchGet(String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += BATCH_GET) {
            List<Map<String, AttributeValue>> chunk = keys.subList(i, Math.min(keys.size(), i + BATCH_GET));
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            int rounds = 0;
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(current));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
                if (++rounds > 50) {
                    throw new IllegalStateException("DynamoDB keeps leaving keys of " + table + " unprocessed");
                }
            }
        }
        return items;
    }
}
