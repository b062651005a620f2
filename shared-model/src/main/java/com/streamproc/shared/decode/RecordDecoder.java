package com.streamproc.shared.decode;

import java.nio.ByteBuffer;

/**
 * Turns the bytes of one Kinesis record into a typed, validated event.
 *
 * @param <E> the function's event type
 */
@FunctionalInterface
public interface RecordDecoder<E> {
    /**
     * Decodes one record.
     *
     * @param data the record's data as Lambda delivered it (already base64-decoded by the runtime); the decoder reads
     *             from its position to its limit and must not change either
     * @return the event, never {@code null}
     * @throws PoisonRecordException when the record can never be applied
     */
    E decode(ByteBuffer data) throws PoisonRecordException;

    /**
     * The partition key the event's contract requires, checked by the core after decoding: a record under another
     * key could be applied on another shard, or in another lane, concurrently with the rest of its key's events.
     * A mismatch is poison ({@link ReasonCodes#PARTITION_KEY_MISMATCH}).
     *
     * @return the required partition key, or {@code null} when any key will do
     */
    default String requiredPartitionKey(E event) {
        return null;
    }
}
