package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Lambda reads a function's response to a stream batch when {@code ReportBatchItemFailures} is on.
 *
 * <p>Success: a null or empty response, no {@code batchItemFailures}, or an empty list of them. Partial failure:
 * every entry names a record of the batch by {@code itemIdentifier} (its sequence number); Lambda checkpoints
 * before the lowest one and retries from there. Whole-batch failure: an entry whose {@code itemIdentifier} is
 * missing, null, empty or not a sequence number of the batch.
 */
public sealed interface BatchResponse {

    /** Every record succeeded. */
    record AllSucceeded() implements BatchResponse {
    }

    /** Records before {@code index} (in batch order) succeeded; the batch is retried from it. */
    record FailedFrom(int index, String sequenceNumber) implements BatchResponse {
    }

    /** The response made the whole batch a failure; {@code reason} says why (for logs). */
    record WholeBatchFailed(String reason) implements BatchResponse {
    }

    ObjectMapper JSON = new ObjectMapper();

    /** Interprets {@code payload}, the function's response to {@code records} (in batch order). */
    static BatchResponse interpret(String payload, List<StreamRecord> records, boolean reportBatchItemFailures) {
        if (!reportBatchItemFailures || payload == null || payload.isBlank()) {
            return new AllSucceeded();
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (Exception notJson) {
            // Lambda only looks for batchItemFailures; a response without them counts as success.
            return new AllSucceeded();
        }
        if (root == null || !root.isObject()) {
            return new AllSucceeded();
        }
        JsonNode failures = root.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new WholeBatchFailed("batchItemFailures is not a list");
        }
        if (failures.isEmpty()) {
            return new AllSucceeded();
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            indexOf.put(records.get(i).sequenceNumber(), i);
        }
        int lowest = -1;
        BigInteger lowestSequence = null;
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            if (id == null || id.isNull()) {
                return new WholeBatchFailed("an itemIdentifier is missing or null");
            }
            String text = id.isTextual() ? id.textValue() : id.toString();
            if (text.isEmpty()) {
                return new WholeBatchFailed("an itemIdentifier is empty");
            }
            Integer index = indexOf.get(text);
            if (index == null) {
                return new WholeBatchFailed("itemIdentifier " + text + " is not a sequence number of the batch");
            }
            BigInteger sequence = records.get(index).sequence();
            if (lowestSequence == null || sequence.compareTo(lowestSequence) < 0) {
                lowestSequence = sequence;
                lowest = index;
            }
        }
        return new FailedFrom(lowest, records.get(lowest).sequenceNumber());
    }
}
