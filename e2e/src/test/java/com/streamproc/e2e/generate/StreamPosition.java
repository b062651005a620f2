package com.streamproc.e2e.generate;

import com.streamproc.shared.batch.RecordRef;
import java.util.Objects;

/** Where Kinesis stored a record: its shard and sequence number (the quarantine table's key, too). */
public record StreamPosition(String shardId, String sequenceNumber) {
    public StreamPosition {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }

    /** The quarantine table's sort key for this record. */
    public String sequenceKey() {
        return RecordRef.padSequence(sequenceNumber);
    }

    @Override
    public String toString() {
        return shardId + ":" + sequenceNumber;
    }
}
