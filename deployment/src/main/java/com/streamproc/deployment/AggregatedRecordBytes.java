package com.streamproc.deployment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Kinesis Producer Library's aggregation format for sample events: the magic bytes {@code F3 89 9A C2},
 * a protobuf {@code AggregatedRecord} (partition-key table, no explicit-hash-key table, one {@code Record} per user
 * record with its partition-key index and data), then the MD5 of the protobuf bytes. The layout is described in
 * {@code docs/events.md}.
 *
 * <p>Written here rather than taken from the functions' shared core so that the generator stays a standalone
 * build step (it runs without the function modules) and the sample aggregates are an independent check of the
 * functions' reader. Deterministic: the same user records give the same bytes, which is how a source says "this
 * aggregate again" (a producer re-sending it).
 */
final class AggregatedRecordBytes {
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    /** One user record: its own partition key and data. */
    record UserRecord(String partitionKey, byte[] data) {
    }

    private AggregatedRecordBytes() {
    }

    static byte[] of(List<UserRecord> userRecords) {
        if (userRecords.isEmpty()) {
            throw new IllegalArgumentException("an aggregate needs at least one user record");
        }
        Map<String, Integer> keys = new LinkedHashMap<>();
        userRecords.forEach(user -> keys.putIfAbsent(user.partitionKey(), keys.size()));
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        keys.keySet().forEach(key -> lengthDelimited(message, 1, key.getBytes(StandardCharsets.UTF_8)));
        for (UserRecord user : userRecords) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(1 << 3); // partition_key_index, varint
            varint(record, keys.get(user.partitionKey()));
            lengthDelimited(record, 3, user.data());
            lengthDelimited(message, 3, record.toByteArray());
        }
        byte[] protobuf = message.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(protobuf);
        out.writeBytes(md5(protobuf));
        return out.toByteArray();
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] bytes) {
        out.write(field << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
