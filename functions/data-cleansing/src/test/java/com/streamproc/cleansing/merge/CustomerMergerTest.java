package com.streamproc.cleansing.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.cleansing.CleansedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CustomerMergerTest {
    static final String KEY = "EMAIL#jane.doe@example.com";
    static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant T3 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void newestValueWinsPerFieldWhicheverArrivesFirst() {
        CleansedRecord crm = record("crm:1", T2, Map.of(CustomerField.PHONE, "+4930901820",
                CustomerField.FULL_NAME, "Jane Doe"), Map.of());
        CleansedRecord shop = record("shop:7", T1, Map.of(CustomerField.PHONE, "+4915123456789",
                CustomerField.COUNTRY, "DE"), Map.of());
        CleansedRecord support = record("support:3", T3, Map.of(CustomerField.FULL_NAME, "Jane Doe-Smith"), Map.of());

        Customer inOrder = fold(shop, crm, support);
        Customer olderLast = fold(support, crm, shop);

        assertThat(olderLast).isEqualTo(inOrder);
        assertThat(inOrder.value(CustomerField.PHONE)).isEqualTo("+4930901820");
        assertThat(inOrder.value(CustomerField.FULL_NAME)).isEqualTo("Jane Doe-Smith");
        assertThat(inOrder.value(CustomerField.COUNTRY)).isEqualTo("DE");
        assertThat(inOrder.values().get(CustomerField.PHONE)).isEqualTo(new FieldValue("+4930901820", T2, "crm:1"));
        assertThat(inOrder.sources()).containsExactly("crm:1", "shop:7", "support:3");
        assertThat(inOrder.updatedAt()).isEqualTo(T3);
    }

    @Test
    void olderRecordArrivingLaterNeverOverwritesNewerData() {
        Customer stored = fold(record("crm:1", T3, Map.of(CustomerField.COUNTRY, "FR"), Map.of()));

        Customer merged = CustomerMerger.merge(stored,
                Customer.of(record("crm:1", T1, Map.of(CustomerField.COUNTRY, "DE"), Map.of())));

        assertThat(merged.value(CustomerField.COUNTRY)).isEqualTo("FR");
    }

    @Test
    void sameUpdatedAtIsBrokenBySourceThenValue() {
        CleansedRecord a = record("crm:1", T1, Map.of(CustomerField.FULL_NAME, "Jane"), Map.of());
        CleansedRecord b = record("shop:1", T1, Map.of(CustomerField.FULL_NAME, "Janet"), Map.of());
        CleansedRecord c = record("shop:1", T1, Map.of(CustomerField.FULL_NAME, "Jan"), Map.of());

        assertThat(fold(a, b).value(CustomerField.FULL_NAME)).isEqualTo("Janet");
        assertThat(fold(b, a).value(CustomerField.FULL_NAME)).isEqualTo("Janet");
        assertThat(fold(b, c).value(CustomerField.FULL_NAME)).isEqualTo("Janet");
        assertThat(fold(c, b).value(CustomerField.FULL_NAME)).isEqualTo("Janet");
    }

    @Test
    void replayingARecordChangesNothing() {
        CleansedRecord a = record("crm:1", T1, Map.of(CustomerField.FULL_NAME, "Jane"), Map.of());
        Customer once = fold(a);

        assertThat(CustomerMerger.merge(once, Customer.of(a))).isEqualTo(once);
    }

    @Test
    void droppedFieldIsShownOnlyWhileItIsTheNewestStatementAboutTheField() {
        CleansedRecord goodOld = record("crm:1", T1, Map.of(CustomerField.BIRTH_DATE, "1990-05-17"), Map.of());
        CleansedRecord badNewer = record("shop:1", T2, Map.of(), Map.of(CustomerField.BIRTH_DATE, "AMBIGUOUS_DATE"));
        CleansedRecord goodNewest = record("crm:1", T3, Map.of(CustomerField.BIRTH_DATE, "1990-05-18"), Map.of());

        Customer afterBad = fold(goodOld, badNewer);
        Customer afterFix = fold(goodOld, badNewer, goodNewest);

        assertThat(afterBad.value(CustomerField.BIRTH_DATE)).isEqualTo("1990-05-17");
        assertThat(afterBad.drops()).isEqualTo(Map.of(CustomerField.BIRTH_DATE,
                new FieldDrop("AMBIGUOUS_DATE", T2, "shop:1")));
        assertThat(afterFix.value(CustomerField.BIRTH_DATE)).isEqualTo("1990-05-18");
        assertThat(afterFix.drops()).isEmpty();
        assertThat(fold(goodNewest, badNewer, goodOld)).isEqualTo(afterFix);
    }

    @Test
    void sourcesAreCappedDeterministicallyAndFlagged() {
        List<CleansedRecord> records = IntStream.range(0, CustomerMerger.MAX_SOURCES + 5)
                .mapToObj(i -> record(String.format("crm:%04d", i), T1, Map.of(), Map.of())).toList();

        Customer forward = records.stream().map(Customer::of).reduce(Customer.empty(KEY), CustomerMerger::merge);
        List<CleansedRecord> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        Customer backward = reversed.stream().map(Customer::of).reduce(Customer.empty(KEY), CustomerMerger::merge);

        assertThat(forward).isEqualTo(backward);
        assertThat(forward.sources()).hasSize(CustomerMerger.MAX_SOURCES).first().isEqualTo("crm:0000");
        assertThat(forward.sourcesTruncated()).isTrue();
    }

    @Test
    void refusesToMergeTwoDifferentCustomers() {
        assertThatThrownBy(() -> CustomerMerger.merge(Customer.empty(KEY), Customer.empty("PHONE#+4930901820")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static CleansedRecord record(String source, Instant updatedAt, Map<CustomerField, String> values,
                                 Map<CustomerField, String> dropped) {
        return new CleansedRecord(KEY, source, updatedAt, values, dropped);
    }

    static Customer fold(CleansedRecord... records) {
        Customer customer = Customer.empty(KEY);
        for (CleansedRecord record : records) {
            customer = CustomerMerger.merge(customer, Customer.of(record));
        }
        return customer;
    }
}
