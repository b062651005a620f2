package com.streamproc.e2e.generate;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntFunction;

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

    /**
     * Inserts {@code count} records made by {@code make} (given their number) at random places of {@code stream}
     * (many producers write to one stream). The place is drawn before the record: the order of draws is what makes a
     * seed's stream.
     */
    public static <I> void insertAtRandomPlaces(List<Produced<I>> stream, Random random, int count,
                                                IntFunction<Produced<I>> make) {
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(stream.size() + 1);
            stream.add(at, make.apply(i));
        }
    }
}
