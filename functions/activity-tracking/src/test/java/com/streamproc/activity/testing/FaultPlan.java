package com.streamproc.activity.testing;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides, request by request, which fault the in-memory store injects. */
@FunctionalInterface
public interface FaultPlan {
    StoreFault next(String operation);

    static FaultPlan none() {
        return operation -> StoreFault.NONE;
    }

    /** Injects {@code fault} into the {@code n}-th (1-based) request of {@code operation}, and nowhere else. */
    static FaultPlan nth(String operation, int n, StoreFault fault) {
        AtomicInteger seen = new AtomicInteger();
        return op -> op.equals(operation) && seen.incrementAndGet() == n ? fault : StoreFault.NONE;
    }

    /**
     * Each write or batch-read request gets a random fault with probability {@code probability}, until
     * {@code budget} faults were injected (so that a run always ends).
     */
    static FaultPlan random(long seed, double probability, int budget) {
        Random random = new Random(seed);
        AtomicInteger left = new AtomicInteger(budget);
        StoreFault[] kinds = {StoreFault.FAIL, StoreFault.LOST_RESPONSE, StoreFault.PARTIAL, StoreFault.DEADLINE};
        return operation -> {
            synchronized (random) {
                if (left.get() <= 0 || random.nextDouble() >= probability) {
                    return StoreFault.NONE;
                }
                left.decrementAndGet();
                return kinds[random.nextInt(kinds.length)];
            }
        };
    }
}
