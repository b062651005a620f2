package com.streamproc.tools.produce;

import com.streamproc.shared.decode.PoisonRecordException;

/** Where the producer puts events it did not send: rejected as invalid, or given up on by Kinesis. */
public interface ProduceReport extends AutoCloseable {
    /** {@code event} broke its contract and was not sent. */
    void rejected(InputEvent event, PoisonRecordException reason);

    /** {@code record} could not be sent. */
    void unsent(UnsentRecord record);

    @Override
    void close();
}
