package com.streamproc.e2e.generate;

import java.util.Objects;

/**
 * One record a producer puts on a stream, with what the generator meant by it.
 *
 * @param partitionKey the Kinesis partition key
 * @param data         the record's bytes, exactly as put
 * @param intent       what the record is: a valid event (with its decoded content) or poison (with its reason)
 * @param <I>          the function's intent type
 */
public record Produced<I>(String partitionKey, byte[] data, I intent) {
    public Produced {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(intent, "intent");
    }
}
