package com.streamproc.cleansing.merge;

import com.streamproc.cleansing.CleansedRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One deduplicated customer: per field the newest value any source stated, with when and by whom.
 *
 * @param customerKey      {@code EMAIL#…} or {@code PHONE#…}
 * @param values           per field, the winning value
 * @param drops            per field, the newest unusable value, kept only while it is newer than the field's value:
 *                         "the newest thing a source said about this field could not be used"
 * @param sources          the source records that contributed ({@code "system:recordId"}), at most
 *                         {@link CustomerMerger#MAX_SOURCES}, the first in sort order
 * @param sourcesTruncated true once more sources contributed than {@code sources} holds
 * @param updatedAt        the newest {@code updatedAt} of any contributing record; {@code null} for no record
 */
public record Customer(String customerKey, Map<CustomerField, FieldValue> values,
                       Map<CustomerField, FieldDrop> drops, SortedSet<String> sources, boolean sourcesTruncated,
                       Instant updatedAt) {
    public Customer {
        Objects.requireNonNull(customerKey, "customerKey");
        values = immutable(values);
        drops = immutable(drops);
        sources = Collections.unmodifiableSortedSet(new TreeSet<>(sources));
    }

    /** The customer before any record: the identity of {@link CustomerMerger#merge}. */
    public static Customer empty(String customerKey) {
        return new Customer(customerKey, Map.of(), Map.of(), new TreeSet<>(), false, null);
    }

    /** What one cleansed record says about its customer. */
    public static Customer of(CleansedRecord record) {
        Map<CustomerField, FieldValue> values = new EnumMap<>(CustomerField.class);
        record.values().forEach((field, value) ->
                values.put(field, new FieldValue(value, record.updatedAt(), record.source())));
        Map<CustomerField, FieldDrop> drops = new EnumMap<>(CustomerField.class);
        record.dropped().forEach((field, reason) ->
                drops.put(field, new FieldDrop(reason, record.updatedAt(), record.source())));
        TreeSet<String> sources = new TreeSet<>();
        sources.add(record.source());
        return CustomerMerger.merge(empty(record.customerKey()),
                new Customer(record.customerKey(), values, drops, sources, false, record.updatedAt()));
    }

    /** @return the field's value, or {@code null} */
    public String value(CustomerField field) {
        FieldValue value = values.get(field);
        return value == null ? null : value.value();
    }

    private static <V> Map<CustomerField, V> immutable(Map<CustomerField, V> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new EnumMap<>(map));
    }
}
