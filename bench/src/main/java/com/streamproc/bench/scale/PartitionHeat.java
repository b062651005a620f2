package com.streamproc.bench.scale;

import com.streamproc.bench.bill.DynamoDbBill;
import com.streamproc.bench.bill.ItemListener;
import com.streamproc.bench.bill.ItemSize;
import com.streamproc.bench.bill.TableSchema;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a series of writes and reads lands: the write and read units per partition-key value of every table and of
 * every global secondary index, by the same rules as {@link DynamoDbBill} (its static unit functions are used, so the
 * units per key of a target add up to what the bill charges that table or index).
 *
 * <p>An index write is charged to the index key's partition: an entry that moves from one partition-key value to
 * another costs a delete on the old value and a put on the new one; an update that keeps the key is charged to
 * that key. A failed conditional write and a read are charged to the table's key. Thread-safe.
 */
public final class PartitionHeat implements ItemListener {
    /** Units on one partition-key value of one table or index. */
    public record Units(double write, double read) {
    }

    private final Map<String, TableSchema> schemas = new LinkedHashMap<>();
    /** By target ("table" or "table/index"), by partition-key value. */
    private final Map<String, Map<String, double[]>> units = new TreeMap<>();

    public PartitionHeat(Collection<TableSchema> schemas) {
        schemas.forEach(schema -> this.schemas.put(schema.name(), schema));
    }

    /** The target name of an index: {@code table/index}. */
    public static String target(String table, String index) {
        return table + "/" + index;
    }

    @Override
    public synchronized void written(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                                     Map<String, AttributeValue> after) {
        TableSchema schema = schema(table);
        if (schema == null) {
            return;
        }
        long bytes = Math.max(before == null ? 0 : ItemSize.of(before), after == null ? 0 : ItemSize.of(after));
        add(table, hashValue(schema.keyAttributes().get(0), key), DynamoDbBill.writeUnits(bytes), 0);
        for (TableSchema.Index index : schema.indexes()) {
            indexWrite(schema, index, before, after);
        }
    }

    private void indexWrite(TableSchema schema, TableSchema.Index index, Map<String, AttributeValue> before,
                            Map<String, AttributeValue> after) {
        String target = target(schema.name(), index.name());
        String hash = index.keyAttributes().get(0);
        Optional<Map<String, AttributeValue>> old = schema.entry(index, before);
        Optional<Map<String, AttributeValue>> now = schema.entry(index, after);
        boolean moved = old.isPresent() && now.isPresent()
                && !TableSchema.indexKey(index, old.get()).equals(TableSchema.indexKey(index, now.get()));
        if (old.isPresent() && (now.isEmpty() || moved)) {
            add(target, hashValue(hash, old.get()), DynamoDbBill.writeUnits(ItemSize.of(old.get())), 0);
        }
        if (now.isPresent() && (old.isEmpty() || moved)) {
            add(target, hashValue(hash, now.get()), DynamoDbBill.writeUnits(ItemSize.of(now.get())), 0);
        }
        if (old.isPresent() && now.isPresent() && !moved && !old.get().equals(now.get())) {
            add(target, hashValue(hash, now.get()),
                    DynamoDbBill.writeUnits(Math.max(ItemSize.of(old.get()), ItemSize.of(now.get()))), 0);
        }
    }

    @Override
    public synchronized void conditionFailed(String table, Map<String, AttributeValue> key,
                                             Map<String, AttributeValue> stored, Map<String, AttributeValue> attempted) {
        TableSchema schema = schema(table);
        if (schema != null) {
            add(table, hashValue(schema.keyAttributes().get(0), key),
                    DynamoDbBill.failedConditionUnits(stored, attempted), 0);
        }
    }

    @Override
    public synchronized void read(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
                                  boolean consistent) {
        TableSchema schema = schema(table);
        if (schema != null) {
            add(table, hashValue(schema.keyAttributes().get(0), key),
                    0, DynamoDbBill.readUnits(item == null ? 0 : ItemSize.of(item), consistent));
        }
    }

    /** The targets written or read so far: tables and {@code table/index}. */
    public synchronized List<String> targets() {
        return List.copyOf(units.keySet());
    }

    /** Units per partition-key value of {@code target}, sorted by value. */
    public synchronized Map<String, Units> of(String target) {
        Map<String, Units> copy = new TreeMap<>();
        units.getOrDefault(target, Map.of()).forEach((value, u) -> copy.put(value, new Units(u[0], u[1])));
        return copy;
    }

    /** Every target's units per partition-key value. */
    public synchronized Map<String, Map<String, Units>> all() {
        Map<String, Map<String, Units>> copy = new TreeMap<>();
        units.keySet().forEach(target -> copy.put(target, of(target)));
        return copy;
    }

    private TableSchema schema(String table) {
        return schemas.get(table);
    }

    private void add(String target, String value, double write, double read) {
        double[] u = units.computeIfAbsent(target, t -> new TreeMap<>()).computeIfAbsent(value, v -> new double[2]);
        u[0] += write;
        u[1] += read;
    }

    private static String hashValue(String attribute, Map<String, AttributeValue> item) {
        AttributeValue value = item.get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("item lacks partition-key attribute " + attribute);
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.b() != null) {
            return Base64.getEncoder().encodeToString(value.b().asByteArray());
        }
        return value.toString();
    }
}
