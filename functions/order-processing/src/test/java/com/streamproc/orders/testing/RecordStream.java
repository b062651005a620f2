package com.streamproc.orders.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ShardReplay;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's records with fixed sequence numbers (record {@code i} has {@code FIRST_SEQUENCE + i}), delivered in
 * Lambda's JSON form as whole batches, suffixes or any other window: a replay carries the same sequence numbers.
 */
public final class RecordStream implements ShardReplay.Shard {
    private record Entry(String partitionKey, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Appends a record; returns its index. */
    public int add(String partitionKey, String data) {
        return add(partitionKey, data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Appends a record of any bytes (empty, not UTF-8); returns its index. */
    public int add(String partitionKey, byte[] data) {
        entries.add(new Entry(partitionKey, data.clone()));
        return entries.size() - 1;
    }

    public int add(String partitionKey, OrderJson event) {
        return add(partitionKey, event.json());
    }

    /** Appends an event with the order id as partition key, as producers do. */
    public int add(OrderJson event) {
        return add(event.node().path("orderId").asText("none"), event.json());
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** The index of the record with {@code sequenceNumber} (the inverse of {@link #sequenceOf}). */
    @Override
    public int indexOf(String sequenceNumber) {
        return new BigInteger(sequenceNumber).subtract(KinesisEventFixture.FIRST_SEQUENCE).intValueExact();
    }

    /** The sequence number of record {@code index}. */
    public static String sequenceOf(int index) {
        return KinesisEventFixture.FIRST_SEQUENCE.add(BigInteger.valueOf(index)).toString();
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive) as Lambda delivers them. */
    @Override
    public KinesisEvent batch(int from, int to) {
        KinesisEventFixture fixture = KinesisEventFixture.batch();
        for (int i = from; i < to; i++) {
            fixture.sequence(KinesisEventFixture.FIRST_SEQUENCE.add(BigInteger.valueOf(i)));
            fixture.recordBytes(entries.get(i).partitionKey(), entries.get(i).data());
        }
        return fixture.build();
    }

    /** Every record. */
    public KinesisEvent all() {
        return batch(0, size());
    }

    /** Record {@code from} to the end. */
    public KinesisEvent from(int from) {
        return batch(from, size());
    }
}
