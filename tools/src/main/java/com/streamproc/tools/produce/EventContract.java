package com.streamproc.tools.produce;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.tools.aws.PipelineFunction;

/**
 * The producer's view of one function's event contract: the function's own decoder decides what is valid, and the
 * contract names the partition key.
 */
public interface EventContract {
    /** The function that consumes these events. */
    PipelineFunction function();

    /**
     * Validates {@code data} exactly as the function will decode it and returns its partition key.
     *
     * @throws PoisonRecordException with the reason code the function would quarantine the event under
     */
    String partitionKeyOf(byte[] data) throws PoisonRecordException;

    /**
     * A partition key for an event that failed validation but is sent anyway ({@code --allow-invalid}): the
     * contract's key if it can still be read, otherwise one derived from the bytes.
     */
    String fallbackPartitionKey(byte[] data);
}
