package com.streamproc.local.esm;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One Kinesis record as an event source mapping reads it from a shard.
 *
 * @param shardId            the shard it was read from
 * @param sequenceNumber     Kinesis sequence number (decimal digits, up to 128 of them)
 * @param partitionKey       the producer's partition key
 * @param data               the record's bytes
 * @param approximateArrival Kinesis' approximate arrival timestamp (millisecond precision)
 */
public record StreamRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data,
                           Instant approximateArrival) {

    public StreamRecord {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(approximateArrival, "approximateArrival");
    }

    /** The sequence number as a number, for ordering (string order is not numeric order). */
    public BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }

    @Override
    public String toString() {
        return "StreamRecord[" + shardId + ":" + sequenceNumber + ", key " + partitionKey + ", " + data.length
                + " bytes, arrived " + approximateArrival + "]";
    }
}
