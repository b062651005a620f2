package com.streamproc.shared.batch;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;

/** Reads a {@link RecordRef} out of a Lambda Kinesis record. */
public final class KinesisRecords {
    private KinesisRecords() {
    }

    /**
     * The shard comes from {@code eventID}, which Lambda sets to {@code shardId-000000000000:<sequenceNumber>};
     * when it is missing, the shard is {@code "unknown"} (the record is still processed and reportable).
     */
    public static RecordRef refOf(KinesisEvent.KinesisEventRecord record) {
        KinesisEvent.Record kinesis = record.getKinesis();
        String eventId = record.getEventID();
        int colon = eventId == null ? -1 : eventId.indexOf(':');
        String shardId = colon > 0 ? eventId.substring(0, colon) : "unknown";
        Date arrival = kinesis.getApproximateArrivalTimestamp();
        ByteBuffer data = kinesis.getData();
        return new RecordRef(shardId, kinesis.getSequenceNumber(),
                kinesis.getPartitionKey() == null ? "" : kinesis.getPartitionKey(),
                arrival == null ? Instant.EPOCH : arrival.toInstant(),
                data == null ? 0 : data.remaining());
    }
}
