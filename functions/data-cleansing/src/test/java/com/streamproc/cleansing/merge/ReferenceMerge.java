package com.streamproc.cleansing.merge;

import com.streamproc.cleansing.CleansedRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The merge rule written the obvious way, over all records at once: per field, the value of the record with the
 * greatest {@code (updatedAt, source, value)}; the newest drop only if newer than that. Tests compare
 * {@link CustomerMerger}'s incremental, pairwise result with it.
 */
public final class ReferenceMerge {
    private ReferenceMerge() {
    }

    public static Customer of(String customerKey, Collection<CleansedRecord> records) {
        Map<CustomerField, FieldValue> values = new EnumMap<>(CustomerField.class);
        Map<CustomerField, FieldDrop> drops = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            Optional<FieldValue> value = records.stream().filter(r -> r.values().containsKey(field))
                    .map(r -> new FieldValue(r.values().get(field), r.updatedAt(), r.source()))
                    .max(Comparator.comparing(FieldValue::updatedAt).thenComparing(FieldValue::source)
                            .thenComparing(FieldValue::value));
            Optional<FieldDrop> drop = records.stream().filter(r -> r.dropped().containsKey(field))
                    .map(r -> new FieldDrop(r.dropped().get(field), r.updatedAt(), r.source()))
                    .max(Comparator.comparing(FieldDrop::updatedAt).thenComparing(FieldDrop::source)
                            .thenComparing(FieldDrop::reason));
            value.ifPresent(v -> values.put(field, v));
            drop.filter(d -> value.isEmpty() || d.updatedAt().isAfter(value.get().updatedAt())
                            || (d.updatedAt().equals(value.get().updatedAt())
                                && d.source().compareTo(value.get().source()) > 0))
                    .ifPresent(d -> drops.put(field, d));
        }
        TreeSet<String> sources = new TreeSet<>();
        records.forEach(r -> sources.add(r.source()));
        boolean truncated = sources.size() > CustomerMerger.MAX_SOURCES;
        while (sources.size() > CustomerMerger.MAX_SOURCES) {
            sources.pollLast();
        }
        Instant updatedAt = records.stream().map(CleansedRecord::updatedAt).max(Comparator.naturalOrder()).orElse(null);
        return new Customer(customerKey, values, drops, sources, truncated, updatedAt);
    }
}
