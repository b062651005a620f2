package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import java.util.Optional;

/**
 * Where cleansed customers live. Implementations are thread-safe; their failures are unchecked exceptions that
 * {@link com.streamproc.shared.retry.TransientRetry} can classify.
 */
public interface CustomerStore {
    /** A strongly consistent read of the customer, if stored. */
    Optional<StoredCustomer> load(String customerKey);

    /**
     * Stores {@code customer} as version {@code expectedVersion + 1}, only if the stored version is still
     * {@code expectedVersion} (0: only if no customer is stored under its key).
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean putIfVersion(Customer customer, long expectedVersion);
}
