package com.streamproc.shared.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Random;

/**
 * Synthetic events of one function's contract, for traffic a tool makes up ({@code produce --generate}). A separate
 * service from {@link FunctionDescriptor} ({@code META-INF/services/com.streamproc.shared.function.SyntheticEvents}),
 * linked by {@link #functionName}: the implementation lives in the function's {@code traffic} package, which the
 * deployment zip leaves out, so generators never ship to Lambda. Found with {@link FunctionDescriptors#eventsOf}.
 * A function's stream generator ({@link com.streamproc.shared.traffic.StreamTraffic}) is this service too, and
 * the one the local demo and the benchmarks need; a plain implementation serves {@code produce --generate} only.
 */
public interface SyntheticEvents {
    /** The {@link FunctionDescriptor#name} of the function whose events these are. */
    String functionName();

    /**
     * A generator for one run.
     *
     * @param random the run's randomness (seeded by the caller for a reproducible run)
     * @param clock  when the events happen
     * @param run    an id unique to the run, for the events' ids, so runs never collide
     * @param count  how many events the run makes of this function (to size pools of keys)
     */
    Generator generator(Random random, Clock clock, String run, long count);

    /** Events of one run, each continuing whatever story the generator tells (an order's life, a user's session). */
    interface Generator {
        /** The next valid event. */
        ObjectNode next();

        /**
         * An event that breaks the contract in a way the function quarantines (the contract-specific variants; the
         * caller adds generic ones, such as a missing {@link #keyField}).
         */
        ObjectNode invalid();

        /** The field whose removal makes an event break the schema, and that the partition key is read from. */
        String keyField();
    }
}
