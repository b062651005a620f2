package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where cleansed customers live. Implementations are thread-safe; their failures are unchecked exceptions that
 * {@link com.streamproc.shared.retry.TransientRetry} can classify.
 */
public interface CustomerStore {
    /** A strongly consistent read of the customer, if stored. */
    Optional<StoredCustomer> load(String customerKey);

    /**
     * Several customers at once, read as {@link #load} reads one. Customers it could not read this time are absent
     * from the result (the caller reads them one by one); a customer read and not found maps to empty.
     */
    default Map<String, Optional<StoredCustomer>> loadAll(Collection<String> customerKeys) {
        Map<String, Optional<StoredCustomer>> customers = new LinkedHashMap<>();
        customerKeys.forEach(key -> customers.put(key, load(key)));
        return customers;
    }

    /**
     * Stores {@code customer} as version {@code expectedVersion + 1}, only if the stored version is still
     * {@code expectedVersion} (0: only if no customer is stored under its key).
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean putIfVersion(Customer customer, long expectedVersion);
}
