package com.streamproc.tools.produce;

import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.decode.EventJson;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.tools.aws.PipelineFunction;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@link EventContract} backed by a function's {@link RecordDecoder}: what the function accepts, the producer
 * sends.
 *
 * @param <E> the function's event type
 */
public final class DecoderContract<E> implements EventContract {
    private final PipelineFunction function;
    private final RecordDecoder<? extends E> decoder;
    private final Function<E, String> partitionKey;
    private final List<String> keyFields;

    /**
     * @param keyFields the top-level JSON fields the partition key is made of, joined by ":" (for
     *                  {@link #fallbackPartitionKey})
     */
    public DecoderContract(PipelineFunction function, RecordDecoder<? extends E> decoder,
                           Function<E, String> partitionKey, List<String> keyFields) {
        this.function = Objects.requireNonNull(function);
        this.decoder = Objects.requireNonNull(decoder);
        this.partitionKey = Objects.requireNonNull(partitionKey);
        this.keyFields = List.copyOf(keyFields);
    }

    @Override
    public PipelineFunction function() {
        return function;
    }

    @Override
    public String partitionKeyOf(byte[] data) throws PoisonRecordException {
        E event = decoder.decode(ByteBuffer.wrap(data).asReadOnlyBuffer());
        return partitionKey.apply(event);
    }

    @Override
    public String fallbackPartitionKey(byte[] data) {
        try {
            JsonNode tree = EventJson.mapper().readTree(data);
            StringBuilder key = new StringBuilder();
            for (String field : keyFields) {
                JsonNode value = tree == null ? null : tree.get(field);
                if (value == null || !value.isValueNode() || value.asText().isBlank()) {
                    return hashKey(data);
                }
                if (!key.isEmpty()) {
                    key.append(':');
                }
                key.append(value.asText());
            }
            String text = key.toString();
            return text.isEmpty() || text.length() > KinesisLimits.MAX_PARTITION_KEY_CHARS ? hashKey(data) : text;
        } catch (Exception e) {
            return hashKey(data);
        }
    }

    private static String hashKey(byte[] data) {
        return "invalid-" + Integer.toHexString(Arrays.hashCode(data));
    }
}
