package com.streamproc.tools.produce.synthetic;

import java.time.Clock;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Makes synthetic events of one contract. */
interface EventFactory {
    /** The next valid event, continuing whatever story the factory tells (an order's life, a user's session). */
    ObjectNode next();

    /**
     * An event that breaks the contract in a way the function quarantines (the contract-specific variants;
     * {@link SyntheticTraffic} adds generic ones).
     */
    ObjectNode invalid();

    /** The field whose removal makes an event break the schema, and that the partition key is read from. */
    String keyField();

    /**
     * The synthetic events of the function named {@code functionName} ({@code FunctionDescriptor.name()}).
     *
     * @param count how many events the run makes of it
     * @throws IllegalArgumentException when this tool has no generator for the function
     */
    static EventFactory of(String functionName, Random random, Clock clock, String run, long count) {
        return switch (functionName) {
            case "order-processing" -> new OrderFactory(random, clock, run);
            case "activity-tracking" -> new ActivityFactory(random, clock, run, count);
            case "data-cleansing" -> new CustomerFactory(random, clock, run, count);
            default -> throw new IllegalArgumentException("produce --generate has no synthetic events for "
                    + functionName + "; send its events with --input");
        };
    }
}
