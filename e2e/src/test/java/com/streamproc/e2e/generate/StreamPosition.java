package com.streamproc.e2e.generate;

import com.streamproc.shared.batch.RecordRef;
import java.util.Objects;

/**
 * Where Kinesis stored a record: its shard and sequence number (the quarantine table's key, too). For a user record
 * of a KPL aggregate, the aggregate's sequence number and the user record's sub-sequence number (its index in the
 * aggregate).
 *
 * @param subSequenceNumber null for a plain record
 */
public record StreamPosition(String shardId, String sequenceNumber, Long subSequenceNumber) {
    public StreamPosition {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }

    /** A plain record's position. */
    public StreamPosition(String shardId, String sequenceNumber) {
        this(shardId, sequenceNumber, null);
    }

    /** The quarantine table's sort key for this record. */
    public String sequenceKey() {
        return subSequenceNumber == null ? RecordRef.padSequence(sequenceNumber)
                : RecordRef.padSequenceId(sequenceNumber + RecordRef.SUB_SEQUENCE_SEPARATOR + subSequenceNumber);
    }

    @Override
    public String toString() {
        return shardId + ":" + sequenceNumber + (subSequenceNumber == null ? "" : "." + subSequenceNumber);
    }
}
