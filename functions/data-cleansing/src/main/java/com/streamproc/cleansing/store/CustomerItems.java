package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.FieldDrop;
import com.streamproc.cleansing.merge.FieldValue;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code CustomersTable} item layout.
 *
 * <ul>
 *   <li>{@code customerKey} (S, hash key): {@code EMAIL#<e-mail>} or {@code PHONE#<E.164>}</li>
 *   <li>per field {@code f} of email, phone, fullName, country, birthDate: {@code f} (S, the value),
 *       {@code fUpdatedAt} (S, ISO instant of the winning record), {@code fSource} (S, {@code system:recordId})</li>
 *   <li>{@code droppedFields} (M, only when any): per field, {@code {reason, updatedAt, source}} of the newest
 *       unusable value when it is newer than the field's value</li>
 *   <li>{@code sources} (SS), {@code sourcesTruncated} (BOOL, only when true), {@code updatedAt} (S, max),
 *       {@code version} (N, the optimistic-locking counter)</li>
 * </ul>
 * {@code phone} is also the hash key of the {@code byPhone} index (range {@code customerKey}, keys only).
 */
public final class CustomerItems {
    public static final String CUSTOMER_KEY = "customerKey";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updatedAt";
    public static final String SOURCES = "sources";
    public static final String SOURCES_TRUNCATED = "sourcesTruncated";
    public static final String DROPPED_FIELDS = "droppedFields";
    public static final String BY_PHONE_INDEX = "byPhone";
    public static final String PHONE = CustomerField.PHONE.attribute();

    private static final String UPDATED_AT_SUFFIX = "UpdatedAt";
    private static final String SOURCE_SUFFIX = "Source";

    private CustomerItems() {
    }

    public static Map<String, AttributeValue> toItem(Customer customer, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CUSTOMER_KEY, s(customer.customerKey()));
        customer.values().forEach((field, value) -> {
            item.put(field.attribute(), s(value.value()));
            item.put(field.attribute() + UPDATED_AT_SUFFIX, s(value.updatedAt().toString()));
            item.put(field.attribute() + SOURCE_SUFFIX, s(value.source()));
        });
        if (!customer.drops().isEmpty()) {
            Map<String, AttributeValue> dropped = new HashMap<>();
            customer.drops().forEach((field, drop) -> dropped.put(field.attribute(), AttributeValue.fromM(Map.of(
                    "reason", s(drop.reason()),
                    "updatedAt", s(drop.updatedAt().toString()),
                    "source", s(drop.source())))));
            item.put(DROPPED_FIELDS, AttributeValue.fromM(dropped));
        }
        if (!customer.sources().isEmpty()) {
            item.put(SOURCES, AttributeValue.fromSs(customer.sources().stream().toList()));
        }
        if (customer.sourcesTruncated()) {
            item.put(SOURCES_TRUNCATED, AttributeValue.fromBool(true));
        }
        if (customer.updatedAt() != null) {
            item.put(UPDATED_AT, s(customer.updatedAt().toString()));
        }
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    public static StoredCustomer fromItem(Map<String, AttributeValue> item) {
        Map<CustomerField, FieldValue> values = new EnumMap<>(CustomerField.class);
        Map<CustomerField, FieldDrop> drops = new EnumMap<>(CustomerField.class);
        Map<String, AttributeValue> dropped = item.containsKey(DROPPED_FIELDS) ? item.get(DROPPED_FIELDS).m() : Map.of();
        for (CustomerField field : CustomerField.values()) {
            String name = field.attribute();
            if (item.containsKey(name)) {
                values.put(field, new FieldValue(item.get(name).s(),
                        Instant.parse(item.get(name + UPDATED_AT_SUFFIX).s()), item.get(name + SOURCE_SUFFIX).s()));
            }
            if (dropped.containsKey(name)) {
                Map<String, AttributeValue> drop = dropped.get(name).m();
                drops.put(field, new FieldDrop(drop.get("reason").s(), Instant.parse(drop.get("updatedAt").s()),
                        drop.get("source").s()));
            }
        }
        TreeSet<String> sources = new TreeSet<>(item.containsKey(SOURCES) ? item.get(SOURCES).ss() : List.of());
        boolean truncated = item.containsKey(SOURCES_TRUNCATED) && Boolean.TRUE.equals(item.get(SOURCES_TRUNCATED).bool());
        Instant updatedAt = item.containsKey(UPDATED_AT) ? Instant.parse(item.get(UPDATED_AT).s()) : null;
        Customer customer = new Customer(item.get(CUSTOMER_KEY).s(), values, drops, sources, truncated, updatedAt);
        return new StoredCustomer(customer, Long.parseLong(item.get(VERSION).n()));
    }

    public static Map<String, AttributeValue> key(String customerKey) {
        return Map.of(CUSTOMER_KEY, s(customerKey));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
