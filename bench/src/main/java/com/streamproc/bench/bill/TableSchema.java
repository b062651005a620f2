package com.streamproc.bench.bill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * What the bill needs to know of a table: its key attributes and its global secondary indexes (key attributes and
 * projection), as {@code sam-template.yaml} declares them.
 *
 * @param keyAttributes hash key first
 */
public record TableSchema(String name, List<String> keyAttributes, List<Index> indexes) {
    public TableSchema {
        keyAttributes = List.copyOf(keyAttributes);
        indexes = List.copyOf(indexes);
    }

    /**
     * A global secondary index.
     *
     * @param keyAttributes    the index's hash key first, then its range key if any
     * @param projection       {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}
     * @param nonKeyAttributes the attributes an {@code INCLUDE} projection names
     */
    public record Index(String name, List<String> keyAttributes, ProjectionType projection,
                        Set<String> nonKeyAttributes) {
        public Index {
            keyAttributes = List.copyOf(keyAttributes);
            nonKeyAttributes = Set.copyOf(nonKeyAttributes);
        }
    }

    /** The schema of a table as a {@code CreateTable} request describes it. */
    public static TableSchema of(CreateTableRequest request) {
        List<Index> indexes = new ArrayList<>();
        if (request.hasGlobalSecondaryIndexes()) {
            for (GlobalSecondaryIndex gsi : request.globalSecondaryIndexes()) {
                indexes.add(new Index(gsi.indexName(), keyNames(gsi.keySchema()), gsi.projection().projectionType(),
                        gsi.projection().hasNonKeyAttributes() ? new LinkedHashSet<>(gsi.projection().nonKeyAttributes())
                                : Set.of()));
            }
        }
        return new TableSchema(request.tableName(), keyNames(request.keySchema()), indexes);
    }

    /** The item's primary key values, in key order. */
    public List<AttributeValue> keyOf(Map<String, AttributeValue> item) {
        List<AttributeValue> key = new ArrayList<>(keyAttributes.size());
        for (String name : keyAttributes) {
            AttributeValue value = item.get(name);
            if (value == null) {
                throw new IllegalArgumentException("item of " + name() + " lacks key attribute " + name);
            }
            key.add(value);
        }
        return key;
    }

    /** The item's key attributes only. */
    public Map<String, AttributeValue> keyItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : keyAttributes) {
            key.put(name, item.get(name));
        }
        return key;
    }

    /**
     * The item's entry in {@code index}: the table's key attributes, the index's key attributes and the projected
     * attributes; empty when the item lacks an index key attribute (a sparse index holds no entry for it).
     */
    public Optional<Map<String, AttributeValue>> entry(Index index, Map<String, AttributeValue> item) {
        if (item == null) {
            return Optional.empty();
        }
        for (String name : index.keyAttributes()) {
            if (!item.containsKey(name)) {
                return Optional.empty();
            }
        }
        if (index.projection() == ProjectionType.ALL) {
            return Optional.of(item);
        }
        Map<String, AttributeValue> entry = new HashMap<>();
        for (String name : keyAttributes) {
            entry.put(name, item.get(name));
        }
        for (String name : index.keyAttributes()) {
            entry.put(name, item.get(name));
        }
        if (index.projection() == ProjectionType.INCLUDE) {
            for (String name : index.nonKeyAttributes()) {
                AttributeValue value = item.get(name);
                if (value != null) {
                    entry.put(name, value);
                }
            }
        }
        return Optional.of(entry);
    }

    /** The index key values of an entry. */
    public static List<AttributeValue> indexKey(Index index, Map<String, AttributeValue> entry) {
        List<AttributeValue> key = new ArrayList<>();
        for (String name : index.keyAttributes()) {
            key.add(entry.get(name));
        }
        return key;
    }

    private static List<String> keyNames(List<KeySchemaElement> schema) {
        List<String> names = new ArrayList<>();
        for (KeySchemaElement element : schema) {
            if (element.keyType() == KeyType.HASH) {
                names.add(0, element.attributeName());
            } else {
                names.add(element.attributeName());
            }
        }
        return names;
    }
}
