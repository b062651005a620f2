package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Why a function reported a record as failed, as it says in its "batch processed" log line:
 * {@code "failureCause": {"exception": "ProvisionedThroughputExceededException", "errorCode": "...",
 * "operation": "PutItem", "table": "local-orders"}}. Every part may be missing or null.
 */
public record FailureCause(String exception, String errorCode, String operation, String table) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one "batch processed" line with failed records says.
     *
     * @param shardId                the batch's shard
     * @param reportedSequenceNumber the sequence number reported in {@code batchItemFailures}
     * @param failed                 how many records failed
     * @param cause                  the cause, when the line names one
     */
    public record FailedBatch(String shardId, String reportedSequenceNumber, int failed, Optional<FailureCause> cause) {
    }

    /** E.g. {@code ProvisionedThroughputExceededException on PutItem local-orders}. */
    public String describe() {
        StringBuilder text = new StringBuilder(exception != null ? exception
                : errorCode != null ? errorCode : "an exception");
        if (exception != null && errorCode != null && !errorCode.equals(exception)) {
            text.append(" (").append(errorCode).append(')');
        }
        if (operation != null) {
            text.append(" on ").append(operation);
            if (table != null) {
                text.append(' ').append(table);
            }
        } else if (table != null) {
            text.append(" on table ").append(table);
        }
        return text.toString();
    }

    /**
     * Reads a line of a function's output: a "batch processed" JSON line that reports failed records, or nothing
     * (any other line, a batch without failures, text that is not JSON).
     */
    public static Optional<FailedBatch> parse(String line) {
        if (line == null || !line.contains("batch processed")) {
            return Optional.empty();
        }
        int start = line.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(line.substring(start));
        } catch (Exception notJson) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !"batch processed".equals(text(root, "message"))) {
            return Optional.empty();
        }
        JsonNode failed = root.get("failed");
        if (failed == null || !failed.canConvertToInt() || failed.asInt() <= 0) {
            return Optional.empty();
        }
        JsonNode cause = root.get("failureCause");
        Optional<FailureCause> named = Optional.empty();
        if (cause != null && cause.isObject()) {
            FailureCause parsed = new FailureCause(text(cause, "exception"), text(cause, "errorCode"),
                    text(cause, "operation"), text(cause, "table"));
            if (parsed.exception() != null || parsed.errorCode() != null) {
                named = Optional.of(parsed);
            }
        }
        return Optional.of(new FailedBatch(text(root, "shardId"), text(root, "reportedSequenceNumber"),
                failed.asInt(), named));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
