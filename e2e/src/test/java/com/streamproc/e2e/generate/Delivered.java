package com.streamproc.e2e.generate;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * A produced record with the place Kinesis gave it: the reference models read the input in stream order, which is
 * the order the event source mapping delivers it in.
 */
public record Delivered<I>(StreamPosition position, Produced<I> record) {

    /**
     * Shard by shard, in sequence-number order (numeric, not string order); the user records of a KPL aggregate in
     * sub-sequence order, right after each other.
     */
    public static <I> Comparator<Delivered<I>> streamOrder() {
        return Comparator.<Delivered<I>, String>comparing(d -> d.position().shardId())
                .thenComparing(d -> new BigInteger(d.position().sequenceNumber()))
                .thenComparing(d -> d.position().subSequenceNumber(),
                        Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    public I intent() {
        return record.intent();
    }
}
