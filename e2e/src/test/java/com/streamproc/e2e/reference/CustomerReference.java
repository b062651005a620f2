package com.streamproc.e2e.reference;

import com.streamproc.e2e.generate.CustomerIntent;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.StreamPosition;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the customers table and quarantine must hold, from the input alone, by the merge rule of
 * docs/functions/data-cleansing.md: per field the greatest (updatedAt, source, value) wins; an unusable value is
 * kept per field only while its (updatedAt, source) is newer than the winning value's; sources are the contributing
 * {@code system:recordId}s (the first 200 in sort order); updatedAt is the newest. Written without the function's
 * code; delivery order plays no part, as the contract promises.
 */
public final class CustomerReference {
    public static final int MAX_SOURCES = 200;

    /** A field value or an unusable value, with when and by whom it was stated. */
    public record Statement(String text, Instant updatedAt, String source) {
    }

    public record ExpectedCustomer(String customerKey, Map<String, Statement> values, Map<String, Statement> drops,
                                   SortedSet<String> sources, boolean sourcesTruncated, Instant updatedAt) {
    }

    private static final Comparator<Statement> NEWEST = Comparator.comparing(Statement::updatedAt)
            .thenComparing(Statement::source).thenComparing(Statement::text);

    private final Map<String, ExpectedCustomer> customers = new TreeMap<>();
    private final Map<StreamPosition, String> poison = new LinkedHashMap<>();

    private CustomerReference() {
    }

    public static CustomerReference of(List<Delivered<CustomerIntent>> input) {
        CustomerReference reference = new CustomerReference();
        Map<String, Map<String, Statement>> values = new TreeMap<>();
        Map<String, Map<String, Statement>> drops = new TreeMap<>();
        Map<String, TreeSet<String>> sources = new TreeMap<>();
        Map<String, Instant> updated = new TreeMap<>();
        for (Delivered<CustomerIntent> record : input) {
            if (record.intent() instanceof CustomerIntent.Poison p) {
                reference.poison.put(record.position(), p.reason());
            } else if (record.intent() instanceof CustomerIntent.Valid r) {
                String key = r.customerKey();
                r.values().forEach((field, value) -> values.computeIfAbsent(key, k -> new TreeMap<>())
                        .merge(field, new Statement(value, r.updatedAt(), r.source()), CustomerReference::newer));
                r.drops().forEach((field, reason) -> drops.computeIfAbsent(key, k -> new TreeMap<>())
                        .merge(field, new Statement(reason, r.updatedAt(), r.source()), CustomerReference::newer));
                sources.computeIfAbsent(key, k -> new TreeSet<>()).add(r.source());
                updated.merge(key, r.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (String key : sources.keySet()) {
            Map<String, Statement> keyValues = values.getOrDefault(key, Map.of());
            Map<String, Statement> keptDrops = new TreeMap<>();
            drops.getOrDefault(key, Map.of()).forEach((field, drop) -> {
                Statement value = keyValues.get(field);
                if (value == null || statedLater(drop, value)) {
                    keptDrops.put(field, drop);
                }
            });
            TreeSet<String> all = sources.get(key);
            TreeSet<String> kept = new TreeSet<>();
            for (String source : all) {
                if (kept.size() < MAX_SOURCES) {
                    kept.add(source);
                }
            }
            reference.customers.put(key, new ExpectedCustomer(key, Map.copyOf(keyValues), Map.copyOf(keptDrops),
                    kept, all.size() > MAX_SOURCES, updated.get(key)));
        }
        return reference;
    }

    private static Statement newer(Statement a, Statement b) {
        return NEWEST.compare(a, b) >= 0 ? a : b;
    }

    /** By time, then by source: the order in which statements were made. */
    private static boolean statedLater(Statement drop, Statement value) {
        int byTime = drop.updatedAt().compareTo(value.updatedAt());
        return byTime != 0 ? byTime > 0 : drop.source().compareTo(value.source()) > 0;
    }

    public Map<String, ExpectedCustomer> customers() {
        return customers;
    }

    public Map<StreamPosition, String> poison() {
        return poison;
    }
}
