package com.streamproc.tools.failures;

import com.streamproc.shared.batch.KinesisEventJson;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The Kinesis event Lambda would have sent for records of one shard, built from the records as {@code GetRecords}
 * returns them: their own sequence numbers, partition keys and arrival times, {@code eventID}
 * {@code <shardId>:<sequenceNumber>} and the stream's ARN, so the function cannot tell a replay from a retry.
 *
 * <p>{@code invokeIdentityArn} (the mapping's execution role) is not in the on-failure record and the functions do not
 * read it: the event carries the ARN given here, the function's role when known.
 */
public final class ReplayEvent {
    private ReplayEvent() {
    }

    /** {@code {"Records":[...]}}, UTF-8. */
    public static byte[] json(String shardId, String streamArn, String region, String invokeIdentityArn,
                              List<Record> records) {
        return KinesisEventJson.bytes(new KinesisEventJson.Source(streamArn, region, invokeIdentityArn),
                records.stream().map(r -> new KinesisEventJson.Entry(shardId, r.partitionKey(), r.sequenceNumber(),
                        r.data().asByteArrayUnsafe(), r.approximateArrivalTimestamp())).toList());
    }

    /** A bound of a record's share of the event: base64 data and the envelope. */
    static long sizeEstimate(Record record) {
        return 4L * ((record.data().asByteArrayUnsafe().length + 2) / 3) + 600 + record.partitionKey().length();
    }
}
