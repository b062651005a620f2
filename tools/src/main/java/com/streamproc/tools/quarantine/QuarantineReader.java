package com.streamproc.tools.quarantine;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.QuarantineKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Finds quarantined records with {@code Query} on the table's indexes ({@code byReason}, {@code bySource},
 * {@code byDay}) or {@code GetItem} by key: never {@code Scan}. Newest first, following pages until the limit.
 * The indexes are write-sharded ({@link QuarantineKeys}): a reason, source or day is queried in each of its buckets,
 * in parallel, and the newest entries are read whole by key (the indexes hold no payload).
 *
 * <p>{@code quarantinedAt} is ISO-8601 text of varying width ({@code ...:05Z}, {@code ...:05.123Z}); bounds are
 * written to the second without the zone ({@code 2026-11-27T10:00:05}), which every stored value of that second
 * sorts after. So {@code BETWEEN from AND to} keeps exactly the seconds from {@code from} up to, not including,
 * {@code to}.
 */
public final class QuarantineReader {
    /** Buckets queried at once. */
    static final int PARALLEL_QUERIES = 16;
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** Below any stored value and above any, for open-ended ranges. */
    private static final String LOWEST = "0";
    private static final String HIGHEST = "9";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public QuarantineReader(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** Up to {@code limit} records of {@code selection}, newest first (named records: in the order named). */
    public List<QuarantinedItem> find(QuarantineSelection selection, int limit) {
        if (!selection.records().isEmpty()) {
            return byIds(selection, limit);
        }
        String lower = selection.from() == null ? LOWEST : bound(selection.from());
        String upper = selection.to() == null ? HIGHEST : bound(selection.to());
        if (selection.reason() != null) {
            return query("byReason", QuarantineKeys.REASON_HASH, selection.reason(), lower, upper,
                    selection.source() == null ? null : Map.entry("source", selection.source()), limit);
        }
        if (selection.source() != null) {
            return query("bySource", QuarantineKeys.SOURCE_HASH, selection.source(), lower, upper, null, limit);
        }
        List<QuarantinedItem> found = new ArrayList<>();
        for (LocalDate day : days(selection)) {
            found.addAll(query("byDay", QuarantineKeys.DAY_HASH, day.toString(), lower, upper, null,
                    limit - found.size()));
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    /** The UTC days of the selection's time range, newest first; today if it has none. */
    List<LocalDate> days(QuarantineSelection selection) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = selection.to() == null ? today
                : LocalDate.ofInstant(selection.to().minusNanos(1), ZoneOffset.UTC);
        LocalDate first = selection.from() == null ? last : LocalDate.ofInstant(selection.from(), ZoneOffset.UTC);
        if (first.plusDays(QuarantineSelection.MAX_DAYS).isBefore(last.plusDays(1))) {
            throw new IllegalArgumentException("the time range spans more than " + QuarantineSelection.MAX_DAYS
                    + " days; narrow it, or select by --reason or --source");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = last; !day.isBefore(first); day = day.minusDays(1)) {
            days.add(day);
        }
        return days;
    }

    static String bound(Instant instant) {
        return BOUND.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Every bucket of {@code keyValue} in the index, in parallel (each newest first, up to the limit), merged newest
     * first; the first {@code limit} entries are then read whole from the table by key, since the index holds no
     * payload.
     */
    private List<QuarantinedItem> query(String index, String keyAttribute, String keyValue, String lower,
                                        String upper, Map.Entry<String, String> filter, int limit) {
        if (limit <= 0) {
            return new ArrayList<>();
        }
        List<String> buckets = QuarantineKeys.indexValues(keyValue);
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_QUERIES);
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        try {
            List<Future<List<Map<String, AttributeValue>>>> running = new ArrayList<>();
            for (String bucket : buckets) {
                running.add(executor.submit(() -> queryBucket(index, keyAttribute, bucket, lower, upper, filter,
                        limit)));
            }
            for (Future<List<Map<String, AttributeValue>>> future : running) {
                entries.addAll(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying " + index, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("querying " + index + " failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
        entries.sort(Comparator.comparing((Map<String, AttributeValue> e) -> text(e, "quarantinedAt")).reversed()
                .thenComparing(e -> text(e, QuarantineKeys.TABLE_HASH))
                .thenComparing(e -> text(e, QuarantineKeys.TABLE_RANGE)));
        List<QuarantinedItem> found = new ArrayList<>();
        for (Map<String, AttributeValue> entry : entries.subList(0, Math.min(limit, entries.size()))) {
            GetItemResponse response = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(Map.of(QuarantineKeys.TABLE_HASH, entry.get(QuarantineKeys.TABLE_HASH),
                            QuarantineKeys.TABLE_RANGE, entry.get(QuarantineKeys.TABLE_RANGE))));
            if (response.hasItem() && !response.item().isEmpty()) {
                found.add(QuarantinedItem.fromItem(response.item())); // gone meanwhile (redriven, expired): skipped
            }
        }
        return found;
    }

    private List<Map<String, AttributeValue>> queryBucket(String index, String keyAttribute, String keyValue,
                                                          String lower, String upper,
                                                          Map.Entry<String, String> filter, int limit) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#k", keyAttribute, "#t", "quarantinedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":k", AttributeValue.fromS(keyValue),
                ":lo", AttributeValue.fromS(lower),
                ":hi", AttributeValue.fromS(upper)));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(index)
                .keyConditionExpression("#k = :k AND #t BETWEEN :lo AND :hi")
                .scanIndexForward(false);
        if (filter != null) {
            names.put("#f", filter.getKey());
            values.put(":f", AttributeValue.fromS(filter.getValue()));
            request.filterExpression("#f = :f");
        }
        request.expressionAttributeNames(names).expressionAttributeValues(values);
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(request.exclusiveStartKey(start)
                    .limit(filter == null ? Math.min(limit - found.size(), 1000) : null).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (found.size() < limit) {
                    found.add(item);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private List<QuarantinedItem> byIds(QuarantineSelection selection, int limit) {
        List<QuarantinedItem> found = new ArrayList<>();
        for (String id : selection.records()) {
            if (found.size() >= limit) {
                break;
            }
            int slash = id.lastIndexOf('/');
            if (slash <= 0 || slash == id.length() - 1) {
                throw new IllegalArgumentException("a record id is SHARD_ID/SEQUENCE_NUMBER or "
                        + "SHARD_ID/SEQUENCE_NUMBER.SUB_SEQUENCE_NUMBER (got '" + id + "')");
            }
            String sequenceKey;
            try {
                // SEQUENCE for a plain record, SEQUENCE.SUB for a user record of a KPL aggregate.
                sequenceKey = RecordRef.padSequenceId(id.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a sequence number in record id '" + id + "'");
            }
            GetItemResponse response = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(QuarantineKeys.tableKey(id.substring(0, slash), sequenceKey)));
            if (response.hasItem() && !response.item().isEmpty()) {
                QuarantinedItem item = QuarantinedItem.fromItem(response.item());
                if (matches(item, selection)) {
                    found.add(item);
                }
            }
        }
        return found;
    }

    private static boolean matches(QuarantinedItem item, QuarantineSelection selection) {
        if (selection.reason() != null && !selection.reason().equals(item.reason())) {
            return false;
        }
        if (selection.source() != null && !selection.source().equals(item.source())) {
            return false;
        }
        String at = item.quarantinedAt() == null ? "" : item.quarantinedAt();
        if (selection.from() != null && at.compareTo(bound(selection.from())) < 0) {
            return false;
        }
        return selection.to() == null || at.compareTo(bound(selection.to())) < 0;
    }
}
