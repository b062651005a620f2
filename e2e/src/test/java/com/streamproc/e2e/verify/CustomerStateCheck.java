package com.streamproc.e2e.verify;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.e2e.reference.CustomerReference;
import com.streamproc.e2e.reference.CustomerReference.ExpectedCustomer;
import com.streamproc.e2e.reference.CustomerReference.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the customers table by key (GetItem) and compares it with the reference merge. */
public final class CustomerStateCheck {
    private CustomerStateCheck() {
    }

    /** @param absentKeys keys that must not exist (those rejected records would have created) */
    public static Mismatches compare(CustomerReference reference, CustomerQueries queries, Set<String> absentKeys) {
        Mismatches mismatches = new Mismatches();
        for (ExpectedCustomer expected : reference.customers().values()) {
            Optional<Customer> stored = queries.byKey(expected.customerKey());
            if (stored.isEmpty()) {
                mismatches.add("customer " + expected.customerKey() + " is missing");
                continue;
            }
            ExpectedCustomer actual = asExpected(stored.get());
            if (!expected.equals(actual)) {
                mismatches.add("customer " + expected.customerKey() + ": expected " + expected + ", found " + actual);
            }
        }
        for (String key : absentKeys) {
            if (!reference.customers().containsKey(key) && queries.byKey(key).isPresent()) {
                mismatches.add("customer " + key + " must not exist (only rejected records name it)");
            }
        }
        return mismatches;
    }

    private static ExpectedCustomer asExpected(Customer customer) {
        Map<String, Statement> values = new TreeMap<>();
        customer.values().forEach((field, value) -> values.put(name(field),
                new Statement(value.value(), value.updatedAt(), value.source())));
        Map<String, Statement> drops = new TreeMap<>();
        customer.drops().forEach((field, drop) -> drops.put(name(field),
                new Statement(drop.reason(), drop.updatedAt(), drop.source())));
        return new ExpectedCustomer(customer.customerKey(), Map.copyOf(values), Map.copyOf(drops),
                new TreeSet<>(customer.sources()), customer.sourcesTruncated(), customer.updatedAt());
    }

    private static String name(CustomerField field) {
        return field.attribute();
    }
}
