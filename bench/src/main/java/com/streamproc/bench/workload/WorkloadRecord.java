package com.streamproc.bench.workload;

import java.nio.charset.StandardCharsets;

/**
 * One record a producer puts on a stream: its partition key and data bytes, with what the generator expects to
 * become of it (for the tests of the generators, never for the measurements).
 *
 * @param expected {@code "applied"}, {@code "duplicate"} or the reason code it should be quarantined with
 */
public record WorkloadRecord(String partitionKey, byte[] data, String expected) {
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public boolean expectedPoison() {
        return !expected.equals("applied") && !expected.equals("duplicate");
    }
}
