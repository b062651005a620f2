package com.streamproc.e2e.generate;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** Records that are byte-for-byte copies of an earlier record under the same key (producer retries). */
    public static int resent(List<? extends Delivered<?>> delivered) {
        Set<String> seen = new HashSet<>();
        int copies = 0;
        for (Delivered<?> record : delivered) {
            if (!seen.add(record.record().partitionKey() + "\u0000"
                    + Base64.getEncoder().encodeToString(record.record().data()))) {
                copies++;
            }
        }
        return copies;
    }
}
