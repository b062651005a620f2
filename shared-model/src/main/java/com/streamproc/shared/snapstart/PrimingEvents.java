package com.streamproc.shared.snapstart;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Builds small in-memory Kinesis batches for SnapStart priming (no file, no serializer, no AWS call). */
public final class PrimingEvents {
    private PrimingEvents() {
    }

    /** A batch of records with the given JSON payloads on one shard, all with {@code partitionKey}. */
    public static KinesisEvent batch(String partitionKey, String... payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        BigInteger sequence = new BigInteger("49590338271490256608559692538361571095921575989136588898");
        for (String payload : payloads) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setPartitionKey(partitionKey);
            kinesis.setSequenceNumber(sequence.toString());
            kinesis.setData(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
            kinesis.setApproximateArrivalTimestamp(new Date(0));
            kinesis.setKinesisSchemaVersion("1.0");
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventID("shardId-000000000000:" + sequence);
            record.setEventSource("aws:kinesis");
            records.add(record);
            sequence = sequence.add(BigInteger.ONE);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }
}
