package com.streamproc.e2e.harness;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many faults of each kind actually happened (not merely planned). Thread-safe. */
public final class FaultCounts {
    private final AtomicLongArray counts = new AtomicLongArray(FaultKind.values().length);

    public void add(FaultKind kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    public long get(FaultKind kind) {
        return counts.get(kind.ordinal());
    }

    public Map<FaultKind, Long> snapshot() {
        Map<FaultKind, Long> copy = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            copy.put(kind, get(kind));
        }
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        snapshot().forEach((kind, n) -> text.append(text.length() == 0 ? "" : ", ").append(kind).append('=').append(n));
        return text.toString();
    }
}
