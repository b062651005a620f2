package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The invocation record Lambda sends to a Kinesis mapping's on-failure destination: metadata about the discarded
 * records (shard, first and last sequence number, count), never their data.
 *
 * @param requestId              request id of the last invocation of these records (a new id when never invoked)
 * @param condition              why they were discarded
 * @param approximateInvokeCount how many times these records were sent to the function
 * @param lastError              error type of the last failed invocation, {@code null} when it returned normally
 *                               (a reported item failure) or never ran
 * @param records                the discarded records in shard order
 * @param discardedAt            when
 */
public record DiscardedBatch(String requestId, String functionArn, FailureCondition condition,
                             int approximateInvokeCount, String lastError, String shardId, String streamArn,
                             List<StreamRecord> records, Instant discardedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public DiscardedBatch {
        Objects.requireNonNull(condition, "condition");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing discarded");
        }
    }

    public int batchSize() {
        return records.size();
    }

    /** The destination record, in the layout Lambda documents for Kinesis sources. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", approximateInvokeCount);
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (lastError != null) {
            response.put("functionError", "Unhandled");
        }
        root.put("version", "1.0");
        root.put("timestamp", discardedAt.toString());
        ObjectNode info = root.putObject("KinesisBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).sequenceNumber());
        info.put("endSequenceNumber", records.get(records.size() - 1).sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", records.get(0).approximateArrival().toString());
        info.put("approximateArrivalOfLastRecord", records.get(records.size() - 1).approximateArrival().toString());
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return root;
    }
}
