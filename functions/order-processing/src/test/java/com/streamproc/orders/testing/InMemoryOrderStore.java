package com.streamproc.orders.testing;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.store.ConcurrentOrderUpdateException;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.orders.store.StatusChanges;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * An {@link OrderStore} in memory with the DynamoDB store's semantics (whole-item writes under a version
 * condition), plus faults a test can inject per order.
 */
public final class InMemoryOrderStore implements OrderStore {
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, StatusChanges> statusChanges = new ConcurrentHashMap<>();
    private final AtomicInteger statusChangeFaults = new AtomicInteger();
    private final List<String> writes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Map<String, Fault> saveFaults = new ConcurrentHashMap<>();
    private final Map<String, Runnable> beforeSave = new ConcurrentHashMap<>();
    private final AtomicInteger saveAttempts = new AtomicInteger();
    private final AtomicInteger saves = new AtomicInteger();
    private final AtomicInteger loads = new AtomicInteger();
    private volatile RandomFaults randomFaults;

    private record RandomFaults(Random random, int throttlePercent, int lostResponsePercent) {
    }

    private record Fault(AtomicInteger remaining, boolean storeFirst, Supplier<RuntimeException> failure) {
    }

    @Override
    public Optional<Order> load(String orderId) {
        loads.incrementAndGet();
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public void saveStatusChanges(Collection<StatusChanges> changes) {
        if (statusChangeFaults.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw throttling();
        }
        changes.forEach(item -> {
            statusChanges.put(item.key(), item);
            writes.add("changes " + item.key());
        });
    }

    /** The next {@code times} status-change writes are throttled. */
    public void throttleStatusChanges(int times) {
        statusChangeFaults.set(times);
    }

    /** Every successful write in order: {@code "changes <key>"} or {@code "order <orderId>"}. */
    public List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** The status-change items written so far, by key. */
    public Map<String, StatusChanges> statusChanges() {
        return Map.copyOf(statusChanges);
    }

    @Override
    public void save(Order order, long replacesVersion) {
        saveAttempts.incrementAndGet();
        Runnable interleaved = beforeSave.remove(order.orderId());
        if (interleaved != null) {
            interleaved.run();
        }
        Fault fault = saveFaults.get(order.orderId());
        if (fault == null) {
            fault = randomFault();
        }
        boolean failing = fault != null && fault.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (failing && !fault.storeFirst()) {
            throw fault.failure().get();
        }
        store(order, replacesVersion);
        if (failing) {
            throw fault.failure().get();
        }
    }

    private Fault randomFault() {
        RandomFaults faults = randomFaults;
        if (faults == null) {
            return null;
        }
        int roll = faults.random().nextInt(100);
        if (roll < faults.throttlePercent()) {
            return new Fault(new AtomicInteger(1), false, InMemoryOrderStore::throttling);
        }
        if (roll < faults.throttlePercent() + faults.lostResponsePercent()) {
            return new Fault(new AtomicInteger(1), true, () -> ApiCallAttemptTimeoutException.create(2000));
        }
        return null;
    }

    /**
     * From now on each write attempt (of an order without a specific fault) is throttled with probability
     * {@code throttlePercent}, or stored with its response lost with probability {@code lostResponsePercent}.
     */
    public void failRandomly(long seed, int throttlePercent, int lostResponsePercent) {
        randomFaults = new RandomFaults(new Random(seed), throttlePercent, lostResponsePercent);
    }

    /** No more faults of any kind. */
    public void heal() {
        randomFaults = null;
        saveFaults.clear();
    }

    private synchronized void store(Order order, long replacesVersion) {
        Order current = orders.get(order.orderId());
        long currentVersion = current == null ? 0 : current.version();
        if (currentVersion != replacesVersion) {
            throw new ConcurrentOrderUpdateException("order is no longer at version " + replacesVersion);
        }
        orders.put(order.orderId(), order);
        saves.incrementAndGet();
        writes.add("order " + order.orderId());
    }

    /** The next {@code times} writes of {@code orderId} fail with throttling, storing nothing. */
    public void throttleSaves(String orderId, int times) {
        saveFaults.put(orderId, new Fault(new AtomicInteger(times), false, InMemoryOrderStore::throttling));
    }

    /** The next write of {@code orderId} is stored but its response is lost (the call times out). */
    public void loseNextSaveResponse(String orderId) {
        saveFaults.put(orderId, new Fault(new AtomicInteger(1), true,
                () -> ApiCallAttemptTimeoutException.create(2000)));
    }

    /** Runs {@code otherWriter} just before the next write of {@code orderId}: a concurrent writer winning a race. */
    public void beforeNextSave(String orderId, Runnable otherWriter) {
        beforeSave.put(orderId, otherWriter);
    }

    /** Stores {@code order} directly, as another writer would. */
    public void put(Order order) {
        orders.put(order.orderId(), order);
    }

    public Optional<Order> get(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    public Map<String, Order> all() {
        return Map.copyOf(orders);
    }

    /** Writes that were stored. */
    public int saves() {
        return saves.get();
    }

    /** Write requests, including failed ones. */
    public int saveAttempts() {
        return saveAttempts.get();
    }

    public int loads() {
        return loads.get();
    }

    public void resetCounts() {
        saves.set(0);
        saveAttempts.set(0);
        loads.set(0);
    }

    public static ProvisionedThroughputExceededException throttling() {
        return ProvisionedThroughputExceededException.builder()
                .message("slow down").statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();
    }
}
