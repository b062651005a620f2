package com.streamproc.cleansing.decode;

import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.CleansingOutcome;
import com.streamproc.cleansing.CustomerRecord;
import com.streamproc.cleansing.CustomerRecordCleanser;
import com.streamproc.cleansing.RejectedRecord;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import java.nio.ByteBuffer;

/**
 * Decodes a Kinesis record into a {@link CleansedRecord}: the shared strict JSON decoding of a
 * {@link CustomerRecord}, then cleansing. A record that cannot be cleansed is poison, with its field reasons.
 */
public final class CustomerRecordDecoder implements RecordDecoder<CleansedRecord> {
    private final JsonRecordDecoder<CustomerRecord> json =
            new JsonRecordDecoder<>(CustomerRecord.class);
    private final CustomerRecordCleanser cleanser;

    public CustomerRecordDecoder(CustomerRecordCleanser cleanser) {
        this.cleanser = cleanser;
    }

    @Override
    public CleansedRecord decode(ByteBuffer data) throws PoisonRecordException {
        CleansingOutcome outcome = cleanser.cleanse(json.decode(data));
        if (outcome instanceof RejectedRecord rejected) {
            throw rejected.toPoison();
        }
        return (CleansedRecord) outcome;
    }

    /** A source record's versions go under {@code sourceSystem:sourceRecordId}: one shard, in order. */
    @Override
    public String requiredPartitionKey(CleansedRecord record) {
        return record.source();
    }
}
