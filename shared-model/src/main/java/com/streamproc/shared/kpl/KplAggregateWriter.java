package com.streamproc.shared.kpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one record in the KPL aggregation format ({@link KplAggregate}): for producers and tests that want
 * aggregated traffic without the KPL. Add user records while {@link #fits} says they fit, then {@link #build}.
 */
public final class KplAggregateWriter {
    /** Kinesis' limit on one record: its data plus its partition key. */
    public static final int MAX_KINESIS_RECORD_BYTES = 1024 * 1024;

    private final Map<String, Integer> partitionKeys = new LinkedHashMap<>();
    private final Map<String, Integer> hashKeys = new LinkedHashMap<>();
    private final List<byte[]> records = new ArrayList<>();
    private int messageBytes;

    /** The user records added so far. */
    public int size() {
        return records.size();
    }

    /** The size of the aggregate {@link #build} would return now: magic, protobuf and MD5. */
    public int sizeBytes() {
        return KplAggregate.MAGIC.length + messageBytes + KplAggregate.DIGEST_BYTES;
    }

    /**
     * Whether the aggregate, with this user record added, stays within {@code limitBytes} (count the Kinesis
     * record's own partition key in the limit when it is {@link #MAX_KINESIS_RECORD_BYTES}).
     */
    public boolean fits(String partitionKey, String explicitHashKey, byte[] data, int limitBytes) {
        return sizeBytes() + addedBytes(partitionKey, explicitHashKey, data) <= limitBytes;
    }

    /** Adds a user record; its sub-sequence number is the number of records added before it. */
    public KplAggregateWriter add(String partitionKey, String explicitHashKey, byte[] data) {
        messageBytes += addedBytes(partitionKey, explicitHashKey, data);
        int pkIndex = partitionKeys.computeIfAbsent(partitionKey, k -> partitionKeys.size());
        Integer ehkIndex = explicitHashKey == null ? null
                : hashKeys.computeIfAbsent(explicitHashKey, k -> hashKeys.size());
        records.add(record(pkIndex, ehkIndex, data));
        return this;
    }

    /** The aggregate: magic bytes, protobuf, MD5 of the protobuf. */
    public byte[] build() {
        if (records.isEmpty()) {
            throw new IllegalStateException("an aggregate needs at least one user record");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(messageBytes);
        partitionKeys.keySet().forEach(key -> lengthDelimited(message, 1, key.getBytes(StandardCharsets.UTF_8)));
        hashKeys.keySet().forEach(key -> lengthDelimited(message, 2, key.getBytes(StandardCharsets.UTF_8)));
        records.forEach(record -> lengthDelimited(message, 3, record));
        byte[] protobuf = message.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(protobuf.length + 20);
        out.writeBytes(KplAggregate.MAGIC);
        out.writeBytes(protobuf);
        out.writeBytes(KplAggregate.md5(java.nio.ByteBuffer.wrap(protobuf)));
        return out.toByteArray();
    }

    private int addedBytes(String partitionKey, String explicitHashKey, byte[] data) {
        int added = 0;
        int pkIndex = partitionKeys.getOrDefault(partitionKey, partitionKeys.size());
        if (!partitionKeys.containsKey(partitionKey)) {
            added += fieldBytes(partitionKey.getBytes(StandardCharsets.UTF_8).length);
        }
        Integer ehkIndex = null;
        if (explicitHashKey != null) {
            ehkIndex = hashKeys.getOrDefault(explicitHashKey, hashKeys.size());
            if (!hashKeys.containsKey(explicitHashKey)) {
                added += fieldBytes(explicitHashKey.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        int recordBytes = 1 + varintSize(pkIndex) + (ehkIndex == null ? 0 : 1 + varintSize(ehkIndex))
                + fieldBytes(data.length);
        return added + fieldBytes(recordBytes);
    }

    private static int fieldBytes(int length) {
        return 1 + varintSize(length) + length;
    }

    private static byte[] record(int pkIndex, Integer ehkIndex, byte[] data) {
        ByteArrayOutputStream record = new ByteArrayOutputStream(data.length + 16);
        record.write(1 << 3);
        varint(record, pkIndex);
        if (ehkIndex != null) {
            record.write(2 << 3);
            varint(record, ehkIndex);
        }
        lengthDelimited(record, 3, data);
        return record.toByteArray();
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

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
