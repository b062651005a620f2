package com.streamproc.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One line of a readable sample-event source ({@code events/<function>/<name>.jsonl}): a Kinesis record's partition
 * key and data, given as a JSON value ({@code data}), as text that need not be JSON ({@code rawData}) or as bytes
 * ({@code base64Data}); optionally the shard ({@code shardId}), the outcome tests expect ({@code expect}:
 * {@code applied} or {@code quarantine:<REASON>}) and a {@code comment}.
 *
 * <p>A line {@code {"aggregate": [<user record>, ...]}} is one Kinesis record in the KPL aggregation format
 * ({@link AggregatedRecordBytes}) holding those user records in order; each user record has the fields of a plain
 * line except {@code shardId} (its own {@code partitionKey}, one payload field, {@code expect}, {@code comment}).
 * The aggregate line itself may give {@code shardId}, {@code comment} and the Kinesis record's own
 * {@code partitionKey} (default: its first user record's, as the KPL does). The same aggregate line twice gives the
 * same bytes twice: a producer re-sending an aggregate.
 *
 * @param shardId     null for the default shard
 * @param expect      null when the line does not say (always null for an aggregate: its user records say)
 * @param userRecords the user records of an aggregate line, in sub-sequence order; empty for a plain line
 */
public record SampleRecordLine(String partitionKey, byte[] data, String shardId, String expect,
                               List<SampleRecordLine> userRecords) {
    public static final String DEFAULT_SHARD = "shardId-000000000000";

    private static final Set<String> FIELDS = Set.of("partitionKey", "data", "rawData", "base64Data", "shardId",
            "expect", "comment");
    private static final Set<String> AGGREGATE_FIELDS = Set.of("aggregate", "partitionKey", "shardId", "comment");
    private static final Set<String> USER_RECORD_FIELDS = Set.of("partitionKey", "data", "rawData", "base64Data",
            "expect", "comment");
    private static final Pattern SHARD_ID = Pattern.compile("shardId-\\d{12}");
    private static final Pattern EXPECT = Pattern.compile("applied|quarantine:[A-Z][A-Z0-9_]*");
    /** Kinesis' limit on a partition key, in Unicode characters. */
    private static final int MAX_PARTITION_KEY_LENGTH = 256;
    /** Kinesis' limit on one record: its data plus its partition key. */
    private static final int MAX_RECORD_BYTES = 1024 * 1024;

    public SampleRecordLine {
        data = data.clone();
        userRecords = userRecords == null ? List.of() : List.copyOf(userRecords);
    }

    /** A plain record. */
    public SampleRecordLine(String partitionKey, byte[] data, String shardId, String expect) {
        this(partitionKey, data, shardId, expect, List.of());
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public String shardOrDefault() {
        return shardId == null ? DEFAULT_SHARD : shardId;
    }

    /** Whether the line is a KPL aggregate of {@link #userRecords()}. */
    public boolean isAggregate() {
        return !userRecords.isEmpty();
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
        return node.has("aggregate") ? aggregate(node, mapper, where) : plain(node, mapper, where, FIELDS);
    }

    private static SampleRecordLine aggregate(JsonNode node, ObjectMapper mapper, String where) {
        checkFields(node, AGGREGATE_FIELDS, where);
        JsonNode users = node.get("aggregate");
        if (!users.isArray() || users.isEmpty()) {
            throw new IllegalArgumentException(where + ": aggregate must be a non-empty array of user records");
        }
        List<SampleRecordLine> userRecords = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String userWhere = where + ": aggregate[" + i + "]";
            if (!users.get(i).isObject()) {
                throw new IllegalArgumentException(userWhere + ": not a JSON object");
            }
            userRecords.add(plain(users.get(i), mapper, userWhere, USER_RECORD_FIELDS));
        }
        String partitionKey = node.has("partitionKey") ? partitionKey(node, where) : userRecords.get(0).partitionKey();
        byte[] data = AggregatedRecordBytes.of(userRecords.stream()
                .map(user -> new AggregatedRecordBytes.UserRecord(user.partitionKey(), user.data))
                .toList());
        if (data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException(where + ": the aggregate is " + data.length
                    + " bytes, over Kinesis' 1 MiB record limit");
        }
        return new SampleRecordLine(partitionKey, data, shardId(node, where), null, userRecords);
    }

    private static SampleRecordLine plain(JsonNode node, ObjectMapper mapper, String where, Set<String> fields) {
        checkFields(node, fields, where);
        String partitionKey = partitionKey(node, where);
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
        String expect = text(node, "expect", where);
        if (expect != null && !EXPECT.matcher(expect).matches()) {
            throw new IllegalArgumentException(where + ": expect must be \"applied\" or \"quarantine:<REASON_CODE>\"");
        }
        return new SampleRecordLine(partitionKey, data, shardId(node, where), expect);
    }

    private static void checkFields(JsonNode node, Set<String> fields, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + name + "\" (allowed: "
                        + new TreeSet<>(fields) + ")");
            }
        }
    }

    private static String partitionKey(JsonNode node, String where) {
        String partitionKey = text(node, "partitionKey", where);
        if (partitionKey == null || partitionKey.isEmpty()
                || partitionKey.codePointCount(0, partitionKey.length()) > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException(where + ": partitionKey must be a string of 1 to 256 characters");
        }
        return partitionKey;
    }

    private static String shardId(JsonNode node, String where) {
        String shardId = text(node, "shardId", where);
        if (shardId != null && !SHARD_ID.matcher(shardId).matches()) {
            throw new IllegalArgumentException(where + ": shardId must look like shardId-000000000001");
        }
        return shardId;
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
