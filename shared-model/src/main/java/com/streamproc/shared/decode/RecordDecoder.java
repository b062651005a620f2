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
}
