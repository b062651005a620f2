package com.streamproc.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of a readable sample-event source ({@code events/<function>/<name>.jsonl}): a Kinesis record's partition
 * key and data, given as a JSON value ({@code data}), as text that need not be JSON ({@code rawData}) or as bytes
 * ({@code base64Data}); optionally the shard ({@code shardId}), the outcome tests expect ({@code expect}:
 * {@code applied} or {@code quarantine:<REASON>}) and a {@code comment}.
 *
 * @param shardId null for the default shard
 * @param expect  null when the line does not say
 */
public record SampleRecordLine(String partitionKey, byte[] data, String shardId, String expect) {
    public static final String DEFAULT_SHARD = "shardId-000000000000";

    private static final Set<String> FIELDS = Set.of("partitionKey", "data", "rawData", "base64Data", "shardId",
            "expect", "comment");
    private static final Pattern SHARD_ID = Pattern.compile("shardId-\\d{12}");
    private static final Pattern EXPECT = Pattern.compile("applied|quarantine:[A-Z][A-Z0-9_]*");
    /** Kinesis' limit on a partition key, in Unicode characters. */
    private static final int MAX_PARTITION_KEY_LENGTH = 256;

    public SampleRecordLine {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public String shardOrDefault() {
        return shardId == null ? DEFAULT_SHARD : shardId;
    }

    /**
     * Parses one non-blank source line.
     *
     * @param mapper reads the line; its settings decide how {@code data} is re-serialised (numbers kept exact)
     * @param where  {@code file:line}, put in front of every error message
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static SampleRecordLine parse(String line, ObjectMapper mapper, String where) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + name + "\" (allowed: " + FIELDS + ")");
            }
        }
        String partitionKey = text(node, "partitionKey", where);
        if (partitionKey == null || partitionKey.isEmpty()
                || partitionKey.codePointCount(0, partitionKey.length()) > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException(where + ": partitionKey must be a string of 1 to 256 characters");
        }
        int payloads = (node.has("data") ? 1 : 0) + (node.has("rawData") ? 1 : 0) + (node.has("base64Data") ? 1 : 0);
        if (payloads != 1) {
            throw new IllegalArgumentException(where + ": needs exactly one of data, rawData, base64Data");
        }
        byte[] data;
        if (node.has("data")) {
            try {
                data = mapper.writeValueAsBytes(node.get("data"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(where + ": cannot serialise data", e);
            }
        } else if (node.has("rawData")) {
            data = text(node, "rawData", where).getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                data = Base64.getDecoder().decode(text(node, "base64Data", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": base64Data is not base64");
            }
        }
        String shardId = text(node, "shardId", where);
        if (shardId != null && !SHARD_ID.matcher(shardId).matches()) {
            throw new IllegalArgumentException(where + ": shardId must look like shardId-000000000001");
        }
        String expect = text(node, "expect", where);
        if (expect != null && !EXPECT.matcher(expect).matches()) {
            throw new IllegalArgumentException(where + ": expect must be \"applied\" or \"quarantine:<REASON_CODE>\"");
        }
        return new SampleRecordLine(partitionKey, data, shardId, expect);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a string");
        }
        return value.textValue();
    }
}
