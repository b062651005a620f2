package com.streamproc.bench.bill;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The on-demand request units DynamoDB bills for a series of reads and writes, computed from the items themselves
 * by the Developer Guide's rules (BENCHMARKS.md cites the pages):
 *
 * <ul>
 *   <li><b>Table writes</b> ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, each item of a
 *       {@code BatchWriteItem}): 1 write unit per started KB of the larger of the item before and after the write
 *       (a delete: of the deleted item), at least 1.</li>
 *   <li><b>Index writes</b>, per global secondary index: an item enters the index when it has all of the index's key
 *       attributes. A write that adds an entry is a put, one that removes an entry a delete, one that changes an
 *       index key value a delete plus a put, one that changes only projected values an update; a write that changes
 *       neither costs the index nothing. Each is 1 write unit per started KB of the entry (the table key, the index
 *       key and the projected attributes; for an update the larger of the entry before and after).</li>
 *   <li><b>Failed conditional writes</b>: 1 write unit per started KB of the larger of the stored and the attempted
 *       item when an item is stored, else 1; no index is written.</li>
 *   <li><b>Reads</b>: 1 read unit per started 4 KB of the item for a strongly consistent read, half of that for an
 *       eventually consistent one; a key that finds no item still costs the minimum. Each key of a
 *       {@code BatchGetItem} is billed as a {@code GetItem}; a {@code Query} sums its items' sizes first.</li>
 * </ul>
 * Thread-safe.
 */
public final class DynamoDbBill {
    static final long WRITE_UNIT_BYTES = 1024;
    static final long READ_UNIT_BYTES = 4096;

    /**
     * Units of one table (or of several, summed).
     *
     * @param tableWru           write units of the table's own writes
     * @param indexWru           write units of its indexes, summed
     * @param rru                read units
     * @param failedConditionWru write units of writes whose condition failed
     * @param writes             successful writes (items)
     * @param failedConditions   writes whose condition failed
     * @param reads              items (keys) read
     * @param indexWruByIndex    write units per index, by "table/index"
     */
    public record Tally(double tableWru, double indexWru, double rru, double failedConditionWru, long writes,
                        long failedConditions, long reads, Map<String, Double> indexWruByIndex) {
        public double totalWru() {
            return tableWru + indexWru + failedConditionWru;
        }
    }

    private final Map<String, TableSchema> schemas;
    private final Map<String, Counts> counts = new LinkedHashMap<>();

    public DynamoDbBill(Collection<TableSchema> schemas) {
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        schemas.forEach(schema -> byName.put(schema.name(), schema));
        this.schemas = Map.copyOf(byName);
    }

    /** Write units of a table write of an item of {@code bytes} (the larger of before and after). */
    public static long writeUnits(long bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    /** Read units of reading {@code bytes} (0 for a missing item: still the minimum). */
    public static double readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
        return consistent ? units : units / 2.0;
    }

    /** Write units of a write whose condition failed, having met {@code stored} (null: none). */
    public static long failedConditionUnits(Map<String, AttributeValue> stored, Map<String, AttributeValue> attempted) {
        return stored == null ? 1
                : writeUnits(Math.max(ItemSize.of(stored), attempted == null ? 0 : ItemSize.of(attempted)));
    }

    /**
     * Write units one index is charged for a table write that turns {@code before} into {@code after} (either may
     * be null: no item).
     */
    public static long indexWriteUnits(TableSchema table, TableSchema.Index index, Map<String, AttributeValue> before,
                                       Map<String, AttributeValue> after) {
        Optional<Map<String, AttributeValue>> old = table.entry(index, before);
        Optional<Map<String, AttributeValue>> now = table.entry(index, after);
        if (old.isEmpty() && now.isEmpty()) {
            return 0;
        }
        if (old.isEmpty()) {
            return writeUnits(ItemSize.of(now.get()));
        }
        if (now.isEmpty()) {
            return writeUnits(ItemSize.of(old.get()));
        }
        boolean keyChanged = !TableSchema.indexKey(index, old.get()).equals(TableSchema.indexKey(index, now.get()));
        if (keyChanged) {
            return writeUnits(ItemSize.of(old.get())) + writeUnits(ItemSize.of(now.get()));
        }
        if (old.get().equals(now.get())) {
            return 0;
        }
        return writeUnits(Math.max(ItemSize.of(old.get()), ItemSize.of(now.get())));
    }

    /** A successful write of {@code table} that turned {@code before} into {@code after} (null: no item). */
    public synchronized void write(String table, Map<String, AttributeValue> before,
                                   Map<String, AttributeValue> after) {
        TableSchema schema = schema(table);
        Counts c = counts(table);
        long bytes = Math.max(before == null ? 0 : ItemSize.of(before), after == null ? 0 : ItemSize.of(after));
        c.tableWru += writeUnits(bytes);
        c.writes++;
        for (TableSchema.Index index : schema.indexes()) {
            long units = indexWriteUnits(schema, index, before, after);
            if (units > 0) {
                c.indexWru += units;
                c.byIndex.merge(table + "/" + index.name(), (double) units, Double::sum);
            }
        }
    }

    /** A write whose condition failed: {@code stored} is the item it met (null: none), {@code attempted} the new one. */
    public synchronized void failedConditionalWrite(String table, Map<String, AttributeValue> stored,
                                                    Map<String, AttributeValue> attempted) {
        schema(table);
        Counts c = counts(table);
        long units = failedConditionUnits(stored, attempted);
        c.failedConditionWru += units;
        c.failedConditions++;
    }

    /** One item read by key ({@code GetItem}, or one key of a {@code BatchGetItem}); {@code item} null: not found. */
    public synchronized void read(String table, Map<String, AttributeValue> item, boolean consistent) {
        schema(table);
        Counts c = counts(table);
        c.rru += readUnits(item == null ? 0 : ItemSize.of(item), consistent);
        c.reads++;
    }

    /** One {@code Query} page that returned {@code items} (table items, or index entries for an index query). */
    public synchronized void query(String table, List<Map<String, AttributeValue>> items, boolean consistent) {
        schema(table);
        Counts c = counts(table);
        long bytes = items.stream().mapToLong(ItemSize::of).sum();
        c.rru += readUnits(bytes, consistent);
        c.reads += items.size();
    }

    public boolean knows(String table) {
        return schemas.containsKey(table);
    }

    public TableSchema schema(String table) {
        TableSchema schema = schemas.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for table " + table);
        }
        return schema;
    }

    /** Units of the given tables, summed. */
    public synchronized Tally of(Collection<String> tables) {
        Counts sum = new Counts();
        for (String table : tables) {
            Counts c = counts.get(table);
            if (c != null) {
                sum.add(c);
            }
        }
        return sum.tally();
    }

    /** Units of every table. */
    public synchronized Tally total() {
        return of(counts.keySet());
    }

    /** Units per table. */
    public synchronized Map<String, Tally> byTable() {
        Map<String, Tally> result = new LinkedHashMap<>();
        counts.forEach((table, c) -> result.put(table, c.tally()));
        return result;
    }

    private Counts counts(String table) {
        return counts.computeIfAbsent(table, t -> new Counts());
    }

    private static final class Counts {
        double tableWru;
        double indexWru;
        double rru;
        double failedConditionWru;
        long writes;
        long failedConditions;
        long reads;
        final Map<String, Double> byIndex = new TreeMap<>();

        void add(Counts other) {
            tableWru += other.tableWru;
            indexWru += other.indexWru;
            rru += other.rru;
            failedConditionWru += other.failedConditionWru;
            writes += other.writes;
            failedConditions += other.failedConditions;
            reads += other.reads;
            other.byIndex.forEach((k, v) -> byIndex.merge(k, v, Double::sum));
        }

        Tally tally() {
            return new Tally(tableWru, indexWru, rru, failedConditionWru, writes, failedConditions, reads,
                    Map.copyOf(byIndex));
        }
    }
}
