package com.streamproc.local.demo;

import java.util.Objects;

/**
 * One record the demo puts on a stream, as its function's traffic generator made it.
 *
 * @param function     logical id of the function that consumes it
 * @param partitionKey Kinesis partition key
 * @param data         the record's bytes (usually JSON; poison may be anything)
 * @param expected     what the generator expects ({@code applied}, {@code duplicate} or a reason code)
 * @param generated    the generator's own record (a {@code TrafficRecord} of the function's class loader), which
 *                     says where its effect shows in the function's table
 */
public record DemoRecord(String function, String partitionKey, byte[] data, String expected, Object generated) {

    public DemoRecord {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(generated, "generated");
    }

    public boolean expectedPoison() {
        return !expected.equals("applied") && !expected.equals("duplicate");
    }
}
