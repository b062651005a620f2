package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import java.util.Objects;

/**
 * A customer as stored, with the version its next conditional write must match.
 *
 * @param customer the customer
 * @param version  1 after the first write, incremented by each write
 */
public record StoredCustomer(Customer customer, long version) {
    public StoredCustomer {
        Objects.requireNonNull(customer, "customer");
        if (version < 1) {
            throw new IllegalArgumentException("a stored customer has version 1 or more");
        }
    }
}
