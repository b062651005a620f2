package com.streamproc.tools.produce;

import com.streamproc.tools.aws.PipelineFunction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An event on its way to Kinesis.
 *
 * @param function     whose stream it goes to
 * @param partitionKey the contract's partition key
 * @param data         the event's bytes exactly as read or generated
 * @param origin       where it came from, for reports ({@code orders.jsonl:12}, {@code generated:7})
 * @param valid        false for an invalid event sent on purpose ({@code --allow-invalid})
 */
public record OutboundRecord(PipelineFunction function, String partitionKey, byte[] data, String origin,
                             boolean valid) {
    public OutboundRecord {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(origin, "origin");
    }

    /** What the record counts against Kinesis' per-record and per-request limits: data plus partition key. */
    public int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
