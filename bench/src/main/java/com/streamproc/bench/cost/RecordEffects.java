package com.streamproc.bench.cost;

import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.FunctionLog;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What each record of a workload does to the function's tables, in the function's own item layout, for the
 * baselines: the function's production code processes the workload one record per batch on an in-memory
 * DynamoDB, and every item it puts for a record (the quarantine excepted) becomes that record's
 * {@link Update}s, without the function's exactly-once bookkeeping ({@link BenchFunction#bookkeepingAttributes()},
 * {@link BenchFunction#isBookkeepingItem}). A record that writes nothing but repeats an earlier record's bytes (a
 * producer duplicate) gets that record's updates again: a design without idempotency applies it again.
 */
public final class RecordEffects {
    /**
     * One {@code UpdateItem}: set these attributes of the item with this key.
     *
     * @param tableLogicalId the template's logical id of the table
     */
    public record Update(String tableLogicalId, Map<String, AttributeValue> key, Map<String, AttributeValue> set) {
    }

    /**
     * @param updates per record, in workload order
     * @param failing per record, whether the function rejected it (poison: a handler with no idempotency of its
     *                own would throw for it)
     */
    public record Effects(List<List<Update>> updates, List<Boolean> failing) {
        public long updateCount() {
            return updates.stream().mapToLong(List::size).sum();
        }
    }

    private RecordEffects() {
    }

    public static Effects of(BenchFunction function, Workload workload, StackTables tables, Path logFile) {
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        String table = tables.name(function.tableLogicalId());
        String quarantine = tables.name(function.quarantineLogicalId());
        List<String> keyNames = tables.keyAttributes().get(table);
        List<Map<String, AttributeValue>> captured = new ArrayList<>();
        dynamoDb.onPut((name, item) -> {
            if (name.equals(table)) {
                synchronized (captured) {
                    captured.add(item);
                }
            }
        });
        List<List<Update>> updates = new ArrayList<>();
        List<Boolean> failing = new ArrayList<>();
        Map<ByteBuffer, List<Update>> byPayload = new HashMap<>();
        FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
        try (FunctionLog log = new FunctionLog(logFile)) {
            BatchProcessor<?> processor = log.building(() ->
                    function.production(new FunctionEnvironment(function.environment(tables)), dynamoDb));
            List<WorkloadRecord> records = workload.records();
            Instant arrived = Instant.now();
            for (int i = 0; i < records.size(); i++) {
                WorkloadRecord record = records.get(i);
                int quarantinedBefore = dynamoDb.itemCount(quarantine);
                captured.clear();
                if (!processor.process(KinesisBatches.event(List.of(record), i, arrived), context)
                        .getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException(function.id() + ": record " + i + " was not processed");
                }
                boolean poison = dynamoDb.itemCount(quarantine) > quarantinedBefore;
                List<Update> mine = new ArrayList<>();
                // The last put of each item holds the record's whole effect on it.
                Map<List<AttributeValue>, Map<String, AttributeValue>> lastPut = new LinkedHashMap<>();
                for (Map<String, AttributeValue> item : captured) {
                    if (!function.isBookkeepingItem(item)) {
                        lastPut.put(keyNames.stream().map(item::get).toList(), item);
                    }
                }
                for (Map<String, AttributeValue> item : lastPut.values()) {
                    Map<String, AttributeValue> key = new LinkedHashMap<>();
                    Map<String, AttributeValue> set = new LinkedHashMap<>();
                    item.forEach((name, value) -> {
                        if (keyNames.contains(name)) {
                            key.put(name, value);
                        } else if (!function.bookkeepingAttributes().contains(name)) {
                            set.put(name, value);
                        }
                    });
                    mine.add(new Update(function.tableLogicalId(), key, set));
                }
                ByteBuffer payload = ByteBuffer.wrap(record.data());
                if (mine.isEmpty() && !poison && byPayload.containsKey(payload)) {
                    mine = byPayload.get(payload);
                } else if (!mine.isEmpty()) {
                    byPayload.putIfAbsent(payload, mine);
                }
                updates.add(List.copyOf(mine));
                failing.add(poison);
            }
        }
        return new Effects(List.copyOf(updates), List.copyOf(failing));
    }
}
