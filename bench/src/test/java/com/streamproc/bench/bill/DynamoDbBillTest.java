package com.streamproc.bench.bill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The bill's unit rules against cases computed by hand from the Developer Guide's rules. */
class DynamoDbBillTest {
    private static final TableSchema.Index BY_STATUS = new TableSchema.Index("byStatus", List.of("statusDay", "statusAt"),
            ProjectionType.KEYS_ONLY, Set.of());
    private static final TableSchema.Index BY_CUSTOMER = new TableSchema.Index("byCustomer", List.of("customerId"),
            ProjectionType.ALL, Set.of());
    private static final TableSchema.Index BY_DAY = new TableSchema.Index("byDay", List.of("day"),
            ProjectionType.INCLUDE, Set.of("amount"));
    private static final TableSchema ORDERS = new TableSchema("orders", List.of("id"),
            List.of(BY_STATUS, BY_CUSTOMER, BY_DAY));

    @Test
    void itemSizesFollowTheDeveloperGuide() {
        assertThat(ItemSize.of(Map.of("id", s("ab")))).isEqualTo(2 + 2);
        // "12.50": trailing zero trimmed, 3 significant digits: 2 bytes + 1.
        assertThat(ItemSize.of(Map.of("price", n("12.50")))).isEqualTo(5 + 3);
        assertThat(ItemSize.of(Map.of("n", n("1000")))).isEqualTo(1 + 2);
        assertThat(ItemSize.of(Map.of("n", n("0")))).isEqualTo(1 + 2);
        assertThat(ItemSize.of(Map.of("n", n("-123456")))).isEqualTo(1 + 4);
        assertThat(ItemSize.of(Map.of("b", AttributeValue.fromBool(true)))).isEqualTo(1 + 1);
        assertThat(ItemSize.of(Map.of("z", AttributeValue.fromNul(true)))).isEqualTo(1 + 1);
        assertThat(ItemSize.of(Map.of("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])))))
                .isEqualTo(3 + 10);
        assertThat(ItemSize.of(Map.of("s", AttributeValue.fromSs(List.of("ab", "c"))))).isEqualTo(1 + 3);
        // UTF-8 bytes, not characters: "é" is two bytes.
        assertThat(ItemSize.of(Map.of("é", s("éé")))).isEqualTo(2 + 4);
        // List: 3 bytes of overhead, 1 per element, plus the elements ("a": 1, the number 1: 2).
        assertThat(ItemSize.of(Map.of("l", AttributeValue.fromL(List.of(s("a"), n("1")))))).isEqualTo(1 + 3 + 2 + 1 + 2);
        // Map: 3 bytes, 1 per element, the element's name and value.
        assertThat(ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of("k", s("v")))))).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of())))).isEqualTo(1 + 3);
    }

    @Test
    void aTableWriteCostsOneUnitPerStartedKilobyteOfTheLargerItem() {
        assertThat(DynamoDbBill.writeUnits(1)).isEqualTo(1);
        assertThat(DynamoDbBill.writeUnits(1024)).isEqualTo(1);
        assertThat(DynamoDbBill.writeUnits(1025)).isEqualTo(2);
        DynamoDbBill bill = new DynamoDbBill(List.of(new TableSchema("plain", List.of("id"), List.of())));

        Map<String, AttributeValue> small = item("id", "a", "pad", pad(1024 - 2 - 1 - 3));
        Map<String, AttributeValue> large = item("id", "a", "pad", pad(1025 - 2 - 1 - 3));
        assertThat(ItemSize.of(small)).isEqualTo(1024);
        assertThat(ItemSize.of(large)).isEqualTo(1025);
        bill.write("plain", null, small);   // new item of 1,024 bytes: 1
        bill.write("plain", small, large);  // crosses the 1 KB boundary: 2
        bill.write("plain", large, small);  // the larger of before and after: 2
        bill.write("plain", small, null);   // delete of 1,024 bytes: 1

        assertThat(bill.total().tableWru()).isEqualTo(6);
        assertThat(bill.total().indexWru()).isZero();
        assertThat(bill.total().writes()).isEqualTo(4);
    }

    @Test
    void anIndexKeyAddedChangedOrRemovedIsAPutADeleteOrBoth() {
        Map<String, AttributeValue> placed = item("id", "o1", "customerId", "c1", "status", "PLACED");
        Map<String, AttributeValue> paid = with(placed, "statusDay", "PAID#2026-01-01", "statusAt", "t1");
        Map<String, AttributeValue> shipped = with(paid, "statusDay", "SHIPPED#2026-01-02", "statusAt", "t2");
        Map<String, AttributeValue> cleared = without(shipped, "statusDay");

        // Added: one put of the entry (id, statusDay, statusAt: well under 1 KB).
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, placed, paid)).isEqualTo(1);
        // Changed: a delete of the old entry and a put of the new one.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, paid, shipped)).isEqualTo(2);
        // Removed: one delete.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, shipped, cleared)).isEqualTo(1);
        // Neither before nor after in the index (sparse): nothing.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, placed, with(placed, "status", "X"))).isZero();
        // A new item in the index, and a deleted one.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, null, paid)).isEqualTo(1);
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, paid, null)).isEqualTo(1);
    }

    @Test
    void onlyAChangeOfAProjectedAttributeWritesAnIndexWhoseKeyStays() {
        Map<String, AttributeValue> before = item("id", "o1", "customerId", "c1", "day", "d1", "amount", "5",
                "note", "x");
        // KEYS_ONLY never holds "note" or "status": no write.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_STATUS, with(before, "statusDay", "S", "statusAt", "t"),
                with(before, "statusDay", "S", "statusAt", "t", "note", "y"))).isZero();
        // INCLUDE [amount]: a change of "note" is not projected, a change of "amount" is (one update).
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_DAY, before, with(before, "note", "y"))).isZero();
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_DAY, before, with(before, "amount", "6"))).isEqualTo(1);
        // ALL: every change of the item is a change of the entry.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_CUSTOMER, before, with(before, "note", "y"))).isEqualTo(1);
        // An identical rewrite changes nothing in any index.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_CUSTOMER, before, new HashMap<>(before))).isZero();
    }

    @Test
    void anIndexEntryIsSizedByItsProjectedAttributes() {
        String big = pad(2100);
        Map<String, AttributeValue> before = item("id", "o1", "customerId", "c1", "day", "d1", "amount", "5");
        Map<String, AttributeValue> after = with(before, "note", big);
        // ALL copies the 2,100-byte attribute into the entry: 3 units (the larger entry is over 2 KB).
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_CUSTOMER, before, after)).isEqualTo(3);
        // INCLUDE [amount] does not carry it: an entry that did not change costs nothing.
        assertThat(DynamoDbBill.indexWriteUnits(ORDERS, BY_DAY, before, after)).isZero();

        DynamoDbBill bill = new DynamoDbBill(List.of(ORDERS));
        bill.write("orders", null, before); // table 1; byCustomer 1; byDay 1
        bill.write("orders", before, after); // table 3 (over 2 KB); byCustomer 3
        DynamoDbBill.Tally tally = bill.total();
        assertThat(tally.tableWru()).isEqualTo(1 + 3);
        assertThat(tally.indexWru()).isEqualTo(1 + 1 + 3);
        assertThat(tally.indexWruByIndex()).containsEntry("orders/byCustomer", 4.0).containsEntry("orders/byDay", 1.0)
                .doesNotContainKey("orders/byStatus");
        assertThat(tally.totalWru()).isEqualTo(9);
    }

    @Test
    void everyKeyReadIsBilledMissingOnesIncluded() {
        assertThat(DynamoDbBill.readUnits(0, true)).isEqualTo(1.0);
        assertThat(DynamoDbBill.readUnits(0, false)).isEqualTo(0.5);
        assertThat(DynamoDbBill.readUnits(4096, true)).isEqualTo(1.0);
        assertThat(DynamoDbBill.readUnits(4097, true)).isEqualTo(2.0);
        assertThat(DynamoDbBill.readUnits(4097, false)).isEqualTo(1.0);

        DynamoDbBill bill = new DynamoDbBill(List.of(ORDERS));
        // A BatchGetItem of three keys, consistent: one found (small), two missing: 3 units.
        bill.read("orders", item("id", "o1"), true);
        bill.read("orders", null, true);
        bill.read("orders", null, true);
        // The same three eventually consistent: 1.5.
        bill.read("orders", item("id", "o1"), false);
        bill.read("orders", null, false);
        bill.read("orders", null, false);
        assertThat(bill.total().rru()).isEqualTo(4.5);
        assertThat(bill.total().reads()).isEqualTo(6);
    }

    @Test
    void aQuerySumsItsItemsBeforeRoundingUp() {
        DynamoDbBill bill = new DynamoDbBill(List.of(ORDERS));
        Map<String, AttributeValue> item = item("id", "o", "pad", pad(1500));
        bill.query("orders", List.of(item, item, item), false); // about 4.5 KB: 2 units of 4 KB, halved
        assertThat(bill.total().rru()).isEqualTo(1.0);
    }

    @Test
    void aFailedConditionalWriteCostsTheLargerItemOrOneAndWritesNoIndex() {
        DynamoDbBill bill = new DynamoDbBill(List.of(ORDERS));
        Map<String, AttributeValue> stored = item("id", "o1", "customerId", "c1", "pad", pad(1500));
        bill.failedConditionalWrite("orders", null, item("id", "o2", "customerId", "c1"));
        bill.failedConditionalWrite("orders", stored, item("id", "o1", "customerId", "c2"));
        DynamoDbBill.Tally tally = bill.total();
        assertThat(tally.failedConditionWru()).isEqualTo(1 + 2);
        assertThat(tally.failedConditions()).isEqualTo(2);
        assertThat(tally.tableWru()).isZero();
        assertThat(tally.indexWru()).isZero();
        assertThat(tally.totalWru()).isEqualTo(3);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static String pad(int length) {
        return "x".repeat(length);
    }

    private static Map<String, AttributeValue> item(String... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put(namesAndValues[i], s(namesAndValues[i + 1]));
        }
        return item;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String... namesAndValues) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.putAll(item(namesAndValues));
        return copy;
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String name) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove(name);
        return copy;
    }
}
