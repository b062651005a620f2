package com.streamproc.cleansing.merge;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges what source records say about one customer. Pure.
 *
 * <p>Per field, the newest statement wins: the greatest {@code (updatedAt, source, value)}, so a tie on
 * {@code updatedAt} is broken by the {@code "system:recordId"} string and then by the value. That is a total
 * order, so {@link #merge} is commutative, associative and idempotent: any arrival order, any duplication and any
 * replay of the same records give the same customer, and an older record arriving late never overwrites newer
 * data.
 *
 * <p>An unusable value (a {@link FieldDrop}) never replaces a value. It is kept beside the field only while it is
 * the newest statement about that field, i.e. newer than the field's value; that pruning is a function of the two
 * maxima, so it keeps the merge's algebra.
 */
public final class CustomerMerger {
    /** Bounds the stored item (DynamoDB's 400 KB limit): about 40 KB of source ids at most. */
    public static final int MAX_SOURCES = 200;

    static final Comparator<FieldValue> VALUE_ORDER = Comparator.comparing(FieldValue::updatedAt)
            .thenComparing(FieldValue::source).thenComparing(FieldValue::value);
    static final Comparator<FieldDrop> DROP_ORDER = Comparator.comparing(FieldDrop::updatedAt)
            .thenComparing(FieldDrop::source).thenComparing(FieldDrop::reason);

    private CustomerMerger() {
    }

    /** @throws IllegalArgumentException when the two are different customers */
    public static Customer merge(Customer a, Customer b) {
        if (!a.customerKey().equals(b.customerKey())) {
            throw new IllegalArgumentException("cannot merge two different customers");
        }
        Map<CustomerField, FieldValue> values = new EnumMap<>(CustomerField.class);
        Map<CustomerField, FieldDrop> drops = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            FieldValue value = newer(a.values().get(field), b.values().get(field), VALUE_ORDER);
            FieldDrop drop = newer(a.drops().get(field), b.drops().get(field), DROP_ORDER);
            if (value != null) {
                values.put(field, value);
            }
            if (drop != null && (value == null || isNewer(drop, value))) {
                drops.put(field, drop);
            }
        }
        TreeSet<String> sources = new TreeSet<>(a.sources());
        sources.addAll(b.sources());
        boolean truncated = a.sourcesTruncated() || b.sourcesTruncated() || sources.size() > MAX_SOURCES;
        for (Iterator<String> last = sources.descendingIterator(); sources.size() > MAX_SOURCES; ) {
            last.next();
            last.remove();
        }
        return new Customer(a.customerKey(), values, drops, sources, truncated, latest(a.updatedAt(), b.updatedAt()));
    }

    /** A drop and a value of the same record time and source cannot both exist; if they did, the value wins. */
    private static boolean isNewer(FieldDrop drop, FieldValue value) {
        int byTime = drop.updatedAt().compareTo(value.updatedAt());
        return byTime != 0 ? byTime > 0 : drop.source().compareTo(value.source()) > 0;
    }

    private static <T> T newer(T a, T b, Comparator<T> order) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return order.compare(a, b) >= 0 ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
