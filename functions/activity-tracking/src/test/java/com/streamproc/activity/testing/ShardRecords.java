package com.streamproc.activity.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ShardReplay;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The records of one Kinesis shard, in sequence order, from which tests cut batches as Lambda would. */
public final class ShardRecords implements ShardReplay.Shard {
    /**
     * One record: its sequence number, partition key and data; for a KPL aggregate, {@code data} is {@code null} and
     * {@code aggregate} holds its bytes.
     */
    public record StreamRecord(BigInteger sequence, String partitionKey, String data, byte[] aggregate) {
        public StreamRecord(BigInteger sequence, String partitionKey, String data) {
            this(sequence, partitionKey, data, null);
        }
    }

    private final String shardId;
    private final List<StreamRecord> records = new ArrayList<>();
    private BigInteger next;

    /** Sequence numbers start at {@code first} and go up by a gap, as they do in Kinesis. */
    public ShardRecords(String shardId, BigInteger first) {
        this.shardId = shardId;
        this.next = first;
    }

    public ShardRecords(String shardId) {
        this(shardId, KinesisEventFixture.FIRST_SEQUENCE);
    }

    public ShardRecords add(String partitionKey, String data) {
        records.add(new StreamRecord(next, partitionKey, data));
        next = next.add(BigInteger.valueOf(7));
        return this;
    }

    /** Adds a record read from a real stream, with the sequence number Kinesis gave it. */
    public ShardRecords add(BigInteger sequence, String partitionKey, String data) {
        records.add(new StreamRecord(sequence, partitionKey, data));
        next = sequence.add(BigInteger.ONE);
        return this;
    }

    public ShardRecords add(TestActivity event) {
        return add(event.userId(), event.json());
    }

    /**
     * Adds one Kinesis record in the KPL aggregation format holding {@code events} as user records, each under its
     * userId; the Kinesis record's own key is the first event's.
     */
    public ShardRecords addAggregate(List<TestActivity> events) {
        com.streamproc.shared.kpl.KplAggregateWriter writer = new com.streamproc.shared.kpl.KplAggregateWriter();
        events.forEach(e -> writer.add(e.userId(), null, e.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        records.add(new StreamRecord(next, events.get(0).userId(), null, writer.build()));
        next = next.add(BigInteger.valueOf(7));
        return this;
    }

    public String shardId() {
        return shardId;
    }

    @Override
    public int size() {
        return records.size();
    }

    public List<StreamRecord> records() {
        return List.copyOf(records);
    }

    /** The batch of records {@code from} (inclusive) to {@code to} (exclusive) in Lambda's form. */
    @Override
    public KinesisEvent batch(int from, int to) {
        KinesisEventFixture fixture = KinesisEventFixture.batch().shard(shardId);
        for (StreamRecord record : records.subList(from, to)) {
            fixture.sequence(record.sequence());
            if (record.aggregate() != null) {
                fixture.recordBytes(record.partitionKey(), record.aggregate());
            } else {
                fixture.record(record.partitionKey(), record.data());
            }
        }
        return fixture.build();
    }

    public KinesisEvent all() {
        return batch(0, records.size());
    }

    /** The index of the record with {@code sequenceNumber}. */
    @Override
    public int indexOf(String sequenceNumber) {
        BigInteger sequence = new BigInteger(sequenceNumber);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequence().equals(sequence)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record with that sequence number in " + shardId);
    }
}
