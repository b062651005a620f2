package com.streamproc.local.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The demo's traffic for one function's stream, and keys in it the analysts' questions can ask about. */
interface DemoTraffic {

    List<DemoRecord> generate(int count);

    /** Keys the generated traffic holds, for the function's analyst questions (after {@link #generate}). */
    List<String> examples();

    /** How to make a function's traffic: its share of the demo's records and the generator. */
    record Source(double share, Factory factory) {
    }

    @FunctionalInterface
    interface Factory {
        /** @param function the function's template logical id, which the records carry */
        DemoTraffic create(String function, Random random, Instant now);
    }

    /**
     * The demo's generators, by function name ({@code FunctionDescriptor.name()}); a function without one runs in
     * the stack but gets no demo traffic.
     */
    Map<String, Source> SOURCES = Map.of(
            "order-processing", new Source(0.4,
                    (function, random, now) -> new OrderTraffic(function, random, now.minus(Duration.ofHours(2)))),
            "activity-tracking", new Source(0.4,
                    (function, random, now) -> new ActivityTraffic(function, random, now.minus(Duration.ofHours(2)))),
            "data-cleansing", new Source(0.2,
                    (function, random, now) -> new CustomerTraffic(function, random, now.minus(Duration.ofHours(14)))));

    static Optional<Source> of(String functionName) {
        return Optional.ofNullable(SOURCES.get(functionName));
    }
}
