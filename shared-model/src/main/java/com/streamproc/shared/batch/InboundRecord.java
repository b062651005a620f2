package com.streamproc.shared.batch;

import java.util.Objects;

/**
 * A decoded, contract-valid event with the Kinesis record it came from.
 *
 * @param ref   where the record came from
 * @param event the decoded event
 * @param <E>   the function's event type
 */
public record InboundRecord<E>(RecordRef ref, E event) {
    public InboundRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(event, "event");
    }
}
