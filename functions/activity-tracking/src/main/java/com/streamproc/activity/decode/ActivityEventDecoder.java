package com.streamproc.activity.decode;

import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import java.nio.ByteBuffer;
import java.time.Clock;

/** Kinesis record data → {@link ActivityEvent}: the shared strict JSON decoding, then {@link ActivityContract}. */
public final class ActivityEventDecoder implements RecordDecoder<ActivityEvent> {
    private final JsonRecordDecoder<ActivityEventPayload> json =
            new JsonRecordDecoder<>(ActivityEventPayload.class);
    private final ActivityContract contract;

    public ActivityEventDecoder(Clock clock) {
        this.contract = new ActivityContract(clock);
    }

    @Override
    public ActivityEvent decode(ByteBuffer data) throws PoisonRecordException {
        return contract.check(json.decode(data));
    }

    /** A user's events go under its {@code userId}: every user-day item then has one writer, its shard's. */
    @Override
    public String requiredPartitionKey(ActivityEvent event) {
        return event.userId();
    }
}
