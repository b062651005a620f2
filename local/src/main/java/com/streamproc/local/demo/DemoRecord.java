package com.streamproc.local.demo;

import java.util.Objects;

/**
 * One record the demo puts on a stream, with how its effect can be found afterwards.
 *
 * @param function     logical id of the function that consumes it
 * @param partitionKey Kinesis partition key
 * @param data         the record's bytes (usually JSON; poison may be anything)
 * @param trace        how to confirm the record was applied, or {@link Trace.None} when it cannot be
 * @param expected     what the generator expects ({@code applied}, {@code duplicate} or a reason code)
 */
public record DemoRecord(String function, String partitionKey, byte[] data, Trace trace, String expected) {

    public DemoRecord {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(expected, "expected");
    }

    public boolean expectedPoison() {
        return !expected.equals("applied") && !expected.equals("duplicate");
    }

    /** Where an applied record leaves a trace in its function's table. */
    public sealed interface Trace {
        /** Orders: the order item's {@code appliedEventIds} holds the event id. */
        record OrderEvent(String orderId, String eventId) implements Trace {
        }

        /**
         * Activity: the user-day item {@code USER#<userId>} / {@code DAY#<day>} holds the event id's hash among its
         * recent events ({@code ids}), or its mark for the record's shard has reached the record. {@code day} is the
         * UTC day of {@code occurredAt}, null when it cannot be read (such a record is never applied).
         */
        record ActivityEvent(String eventId, String userId, String day) implements Trace {
        }

        /** Customers: the customer's {@code sources} holds {@code system:recordId}. */
        record CustomerSource(String customerKey, String source) implements Trace {
        }

        /** Nothing identifies it (not JSON, no id): it can only be quarantined or discarded. */
        record None() implements Trace {
        }
    }
}
