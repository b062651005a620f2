package com.streamproc.cleansing.store;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerMerger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link CustomerStore} in memory with DynamoDB's conditional-put semantics, counting calls like the SDK call
 * counter does, with hooks to inject failures and concurrent writers.
 */
public final class InMemoryCustomerStore implements CustomerStore {
    private final Map<String, StoredCustomer> items = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private volatile Consumer<Customer> beforePut = customer -> { };

    @Override
    public Optional<StoredCustomer> load(String customerKey) {
        loads.incrementAndGet();
        return Optional.ofNullable(items.get(customerKey));
    }

    @Override
    public boolean putIfVersion(Customer customer, long expectedVersion) {
        puts.incrementAndGet();
        beforePut.accept(customer);
        synchronized (items) {
            StoredCustomer current = items.get(customer.customerKey());
            long actual = current == null ? 0 : current.version();
            if (actual != expectedVersion) {
                conflicts.incrementAndGet();
                return false;
            }
            items.put(customer.customerKey(), new StoredCustomer(customer, expectedVersion + 1));
            return true;
        }
    }

    /** Runs before every put, before the version check: throw to fail the put, or write to race it. */
    public void beforePut(Consumer<Customer> hook) {
        this.beforePut = hook;
    }

    /** Writes as another writer would: merged over what is stored, version bumped. */
    public void writeConcurrently(Customer customer) {
        synchronized (items) {
            StoredCustomer current = items.get(customer.customerKey());
            Customer base = current == null ? Customer.empty(customer.customerKey()) : current.customer();
            long version = current == null ? 1 : current.version() + 1;
            items.put(customer.customerKey(), new StoredCustomer(
                    CustomerMerger.merge(base, customer), version));
        }
    }

    public Optional<Customer> customer(String customerKey) {
        return Optional.ofNullable(items.get(customerKey)).map(StoredCustomer::customer);
    }

    public Map<String, StoredCustomer> items() {
        return Map.copyOf(items);
    }

    public int loads() {
        return loads.get();
    }

    /** Conditional puts sent, successful or not: the write requests DynamoDB would bill. */
    public int puts() {
        return puts.get();
    }

    public int conflicts() {
        return conflicts.get();
    }

    public void resetCounts() {
        loads.set(0);
        puts.set(0);
        conflicts.set(0);
    }
}
