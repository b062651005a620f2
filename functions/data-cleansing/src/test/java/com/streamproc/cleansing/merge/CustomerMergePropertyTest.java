package com.streamproc.cleansing.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.CleansedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The merge is order-, duplication- and batching-insensitive. Small pools of times, sources and values make ties
 * (same updatedAt, same source) common, which is where order sensitivity would show.
 */
class CustomerMergePropertyTest {
    static final String KEY = "EMAIL#jane.doe@example.com";
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 500)
    void anyPermutationWithDuplicatesMergesToTheSameCustomer(@ForAll("records") List<CleansedRecord> records,
                                                           @ForAll Random random) {
        List<CleansedRecord> arrival = new ArrayList<>(records);
        for (CleansedRecord record : records) {
            if (random.nextInt(3) == 0) {
                arrival.add(record);
            }
        }
        Collections.shuffle(arrival, random);

        assertThat(fold(arrival)).isEqualTo(fold(records));
    }

    @Property(tries = 500)
    void mergeEqualsTheReferenceMergeOfAllRecords(@ForAll("records") List<CleansedRecord> records) {
        assertThat(fold(records)).isEqualTo(ReferenceMerge.of(KEY, records));
    }

    @Property(tries = 500)
    void splittingIntoBatchesAndReplayingAPrefixChangesNothing(@ForAll("records") List<CleansedRecord> records,
                                                              @ForAll @IntRange(min = 0, max = 12) int split) {
        int at = Math.min(split, records.size());
        Customer stored = fold(records.subList(0, at));
        Customer laterBatch = fold(records.subList(at, records.size()));
        Customer replay = fold(records.subList(0, at));

        Customer result = CustomerMerger.merge(CustomerMerger.merge(stored, laterBatch), replay);

        assertThat(result).isEqualTo(fold(records));
    }

    @Provide
    Arbitrary<List<CleansedRecord>> records() {
        Arbitrary<Instant> times = Arbitraries.integers().between(0, 4).map(minute -> BASE.plusSeconds(60L * minute));
        Arbitrary<String> sources = Arbitraries.of("crm:1", "crm:2", "shop:1", "support:9");
        Arbitrary<String> fieldState = Arbitraries.of("absent", "v1", "v2", "v3", "drop:INVALID_PHONE",
                "drop:UNKNOWN_COUNTRY");
        Arbitrary<List<String>> states = fieldState.list().ofSize(CustomerField.values().length);
        Arbitrary<CleansedRecord> record = Combinators.combine(sources, times, states).as((source, time, fields) -> {
            Map<CustomerField, String> values = new EnumMap<>(CustomerField.class);
            Map<CustomerField, String> dropped = new EnumMap<>(CustomerField.class);
            CustomerField[] all = CustomerField.values();
            for (int i = 0; i < all.length; i++) {
                String state = fields.get(i);
                if (state.startsWith("drop:")) {
                    dropped.put(all[i], state.substring(5));
                } else if (!state.equals("absent")) {
                    values.put(all[i], state);
                }
            }
            return new CleansedRecord(KEY, source, time, values, dropped);
        });
        return record.list().ofMinSize(1).ofMaxSize(12);
    }

    static Customer fold(List<CleansedRecord> records) {
        Customer customer = Customer.empty(KEY);
        for (CleansedRecord record : records) {
            customer = CustomerMerger.merge(customer, Customer.of(record));
        }
        return customer;
    }
}
