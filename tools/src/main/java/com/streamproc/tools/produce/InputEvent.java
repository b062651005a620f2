package com.streamproc.tools.produce;

import com.streamproc.tools.aws.PipelineFunction;
import java.util.Objects;

/**
 * One event read or generated, not yet validated.
 *
 * @param function whose contract it claims to follow
 * @param data     its bytes (a JSON line without the line end)
 * @param origin       where it came from ({@code orders.jsonl:12}, {@code stdin:3}, {@code generated:7})
 * @param partitionKey the partition key the input itself names (an envelope line), or null for the contract's
 */
public record InputEvent(PipelineFunction function, byte[] data, String origin, String partitionKey) {
    public InputEvent {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(origin, "origin");
    }

    public InputEvent(PipelineFunction function, byte[] data, String origin) {
        this(function, data, origin, null);
    }
}
