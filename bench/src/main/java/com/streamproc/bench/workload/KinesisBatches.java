package com.streamproc.bench.workload;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Turns workload records into the {@link KinesisEvent} a handler receives: one shard, sequence numbers counting up
 * from a realistic 56-digit start, so that record {@code i} of a workload always has the same sequence number.
 */
public final class KinesisBatches {
    public static final String SHARD = "shardId-000000000000";
    public static final BigInteger FIRST_SEQUENCE =
            new BigInteger("49590338271490256608559692538361571095921575989136588898");
    public static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/bench";

    private KinesisBatches() {
    }

    /** @param firstIndex the position of {@code records.get(0)} in its workload */
    public static KinesisEvent event(List<WorkloadRecord> records, int firstIndex, Instant arrivedAt) {
        List<KinesisEvent.KinesisEventRecord> list = new ArrayList<>(records.size());
        Date arrival = Date.from(arrivedAt);
        for (int i = 0; i < records.size(); i++) {
            WorkloadRecord record = records.get(i);
            String sequence = FIRST_SEQUENCE.add(BigInteger.valueOf(firstIndex + i)).toString();
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setKinesisSchemaVersion("1.0");
            kinesis.setPartitionKey(record.partitionKey());
            kinesis.setSequenceNumber(sequence);
            kinesis.setData(ByteBuffer.wrap(record.data()).asReadOnlyBuffer());
            kinesis.setApproximateArrivalTimestamp(arrival);
            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(kinesis);
            eventRecord.setEventSource("aws:kinesis");
            eventRecord.setEventVersion("1.0");
            eventRecord.setEventID(SHARD + ":" + sequence);
            eventRecord.setEventName("aws:kinesis:record");
            eventRecord.setEventSourceARN(STREAM_ARN);
            eventRecord.setAwsRegion("us-east-1");
            list.add(eventRecord);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(list);
        return event;
    }

    /** The workload cut into consecutive events of {@code batchSize} records. */
    public static List<KinesisEvent> events(Workload workload, int batchSize, Instant arrivedAt) {
        List<KinesisEvent> events = new ArrayList<>();
        int index = 0;
        for (List<WorkloadRecord> batch : workload.batches(batchSize)) {
            events.add(event(batch, index, arrivedAt));
            index += batch.size();
        }
        return events;
    }
}
