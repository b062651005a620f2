package com.streamproc.tools.produce;

import com.streamproc.tools.aws.PipelineFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An event on its way to Kinesis, or (with {@code produce --aggregate}) a KPL aggregate of several events.
 *
 * @param function        whose stream it goes to
 * @param partitionKey    the contract's partition key (for an aggregate, its lane group's, see {@link RecordAggregator})
 * @param data            the event's bytes exactly as read or generated (for an aggregate, the aggregate's bytes)
 * @param origin          where it came from, for reports ({@code orders.jsonl:12}, {@code generated:7})
 * @param valid           false for an invalid event sent on purpose ({@code --allow-invalid})
 * @param explicitHashKey the hash key that decides the shard instead of the partition key's, or {@code null}
 * @param userRecords     the events an aggregate holds, in sub-sequence order; empty for a single event
 */
public record OutboundRecord(PipelineFunction function, String partitionKey, byte[] data, String origin,
                             boolean valid, String explicitHashKey, List<OutboundRecord> userRecords) {
    public OutboundRecord {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(origin, "origin");
        userRecords = userRecords == null ? List.of() : List.copyOf(userRecords);
        if (userRecords.stream().anyMatch(OutboundRecord::isAggregate)) {
            throw new IllegalArgumentException("an aggregate cannot hold an aggregate");
        }
    }

    /** One event, sent as its own record. */
    public OutboundRecord(PipelineFunction function, String partitionKey, byte[] data, String origin, boolean valid) {
        this(function, partitionKey, data, origin, valid, null, List.of());
    }

    /** What the record counts against Kinesis' per-record and per-request limits: data plus partition key. */
    public int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether this is a KPL aggregate of {@link #userRecords()}. */
    public boolean isAggregate() {
        return !userRecords.isEmpty();
    }

    /** The events this record carries: its user records, or itself. */
    public List<OutboundRecord> events() {
        return isAggregate() ? userRecords : List.of(this);
    }

    /** How many events this record carries: what the producer's counts count. */
    public int eventCount() {
        return isAggregate() ? userRecords.size() : 1;
    }

    /**
     * What decides the record's shard, for keeping order: records with the same one must not share a request
     * ({@link RequestBatcher}). The explicit hash key when there is one, else the partition key.
     */
    public String orderKey() {
        return explicitHashKey != null ? "hash:" + explicitHashKey : "key:" + partitionKey;
    }
}
