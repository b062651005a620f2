package com.streamproc.shared.kpl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads records in the Kinesis Producer Library's aggregation format: many user records packed into one Kinesis
 * record.
 *
 * <p>Layout: the 4 magic bytes {@code F3 89 9A C2}, then a protobuf (proto2) {@code AggregatedRecord}, then the
 * 16-byte MD5 of the protobuf bytes:
 * <pre>
 * message AggregatedRecord {
 *   repeated string partition_key_table     = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records                 = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index     = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes  data                    = 3;
 *   repeated Tag    tags                    = 4;
 * }
 * message Tag { required string key = 1; optional string value = 2; }
 * </pre>
 * A user record's sub-sequence number is its index in {@code records}.
 *
 * <p>This is a small reader of that documented layout rather than protobuf-java with the format's {@code .proto}:
 * the three messages need four wire types and about a hundred lines, while protobuf-java would add close to 2 MB to
 * every function's deployment zip (and to its cold start and SnapStart snapshot) for three messages. User records'
 * data are read-only slices of the Kinesis record's buffer, not copies.
 *
 * <p>A record is taken for an aggregate when it starts with the magic bytes (JSON never does: {@code F3} is not a
 * valid first byte of UTF-8 text, nor {@code {}). Such a record that is too short, whose MD5 does not match, whose
 * protobuf is malformed, that breaks the schema (a missing required field, an index outside its table, a key that
 * is not UTF-8) or that holds no user records is {@link InvalidAggregateException invalid}.
 */
public final class KplAggregate {
    /** The first bytes of every aggregated record. */
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    static final int DIGEST_BYTES = 16;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private KplAggregate() {
    }

    /** One user record of an aggregate. */
    public record UserRecord(String partitionKey, String explicitHashKey, ByteBuffer data) {
    }

    /** Whether {@code data} (from its position; not changed) starts with the aggregation format's magic bytes. */
    public static boolean isAggregated(ByteBuffer data) {
        if (data == null || data.remaining() < MAGIC.length) {
            return false;
        }
        int start = data.position();
        for (int i = 0; i < MAGIC.length; i++) {
            if (data.get(start + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The user records of an aggregated record, in sub-sequence order.
     *
     * @param data the Kinesis record's data (from position to limit; not changed)
     * @throws InvalidAggregateException when it is not a valid aggregate (see the class documentation)
     */
    public static List<UserRecord> read(ByteBuffer data) throws InvalidAggregateException {
        if (!isAggregated(data)) {
            throw new InvalidAggregateException("the record does not start with the aggregation format's magic bytes");
        }
        if (data.remaining() < MAGIC.length + DIGEST_BYTES) {
            throw new InvalidAggregateException("the aggregate is " + data.remaining()
                    + " bytes, shorter than the magic bytes and the MD5");
        }
        ByteBuffer whole = data.slice();
        ByteBuffer message = whole.duplicate().position(MAGIC.length).limit(whole.limit() - DIGEST_BYTES).slice();
        ByteBuffer digest = whole.duplicate().position(whole.limit() - DIGEST_BYTES).slice();
        if (!MessageDigest.isEqual(md5(message.duplicate()), bytes(digest))) {
            throw new InvalidAggregateException("the MD5 of the aggregate's protobuf does not match its last 16 bytes");
        }
        return parse(message);
    }

    private static List<UserRecord> parse(ByteBuffer message) throws InvalidAggregateException {
        List<String> partitionKeys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        List<ByteBuffer> records = new ArrayList<>();
        Reader reader = new Reader(message);
        while (reader.more()) {
            long tag = reader.varint();
            int field = fieldOf(tag);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == LENGTH_DELIMITED) {
                partitionKeys.add(utf8(reader.bytes(), "partition key"));
            } else if (field == 2 && wireType == LENGTH_DELIMITED) {
                hashKeys.add(utf8(reader.bytes(), "explicit hash key"));
            } else if (field == 3 && wireType == LENGTH_DELIMITED) {
                records.add(reader.bytes());
            } else if (field >= 1 && field <= 3) {
                throw new InvalidAggregateException("field " + field + " of AggregatedRecord has wire type " + wireType);
            } else {
                reader.skip(wireType);
            }
        }
        if (records.isEmpty()) {
            throw new InvalidAggregateException("the aggregate holds no user records");
        }
        List<UserRecord> users = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            users.add(userRecord(i, records.get(i), partitionKeys, hashKeys));
        }
        return Collections.unmodifiableList(users);
    }

    private static UserRecord userRecord(int index, ByteBuffer bytes, List<String> partitionKeys,
                                         List<String> hashKeys) throws InvalidAggregateException {
        Long partitionKeyIndex = null;
        Long hashKeyIndex = null;
        ByteBuffer data = null;
        Reader reader = new Reader(bytes);
        while (reader.more()) {
            long tag = reader.varint();
            int field = fieldOf(tag);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == VARINT) {
                partitionKeyIndex = reader.varint();
            } else if (field == 2 && wireType == VARINT) {
                hashKeyIndex = reader.varint();
            } else if (field == 3 && wireType == LENGTH_DELIMITED) {
                data = reader.bytes();
            } else if (field >= 1 && field <= 3) {
                throw new InvalidAggregateException("field " + field + " of user record " + index + " has wire type "
                        + wireType);
            } else {
                reader.skip(wireType); // tags (4) and fields of later versions
            }
        }
        if (partitionKeyIndex == null || data == null) {
            throw new InvalidAggregateException("user record " + index + " lacks its "
                    + (data == null ? "data" : "partition key index"));
        }
        String partitionKey = entry(partitionKeys, partitionKeyIndex, "partition key", index);
        String hashKey = hashKeyIndex == null ? null : entry(hashKeys, hashKeyIndex, "explicit hash key", index);
        return new UserRecord(partitionKey, hashKey, data.asReadOnlyBuffer());
    }

    private static String entry(List<String> table, long index, String what, int record)
            throws InvalidAggregateException {
        // A uint64 above Long.MAX_VALUE reads as negative here.
        if (index < 0 || index >= table.size()) {
            throw new InvalidAggregateException("user record " + record + " names " + what + " " + Long.toUnsignedString(index)
                    + " of a table of " + table.size());
        }
        return table.get((int) index);
    }

    private static int fieldOf(long tag) throws InvalidAggregateException {
        long field = tag >>> 3;
        if (field < 1 || field > 536_870_911L) {
            throw new InvalidAggregateException("invalid protobuf field number " + Long.toUnsignedString(field));
        }
        return (int) field;
    }

    private static String utf8(ByteBuffer bytes, String what) throws InvalidAggregateException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidAggregateException("a " + what + " in the aggregate is not valid UTF-8");
        }
    }

    static byte[] md5(ByteBuffer bytes) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /** Reads protobuf wire format from a buffer's position to its limit. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer.duplicate();
        }

        boolean more() {
            return buffer.hasRemaining();
        }

        long varint() throws InvalidAggregateException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!buffer.hasRemaining()) {
                    throw new InvalidAggregateException("the protobuf ends inside a varint");
                }
                byte b = buffer.get();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new InvalidAggregateException("a protobuf varint is longer than 10 bytes");
        }

        ByteBuffer bytes() throws InvalidAggregateException {
            long length = varint();
            if (length < 0 || length > buffer.remaining()) {
                throw new InvalidAggregateException("a protobuf length (" + Long.toUnsignedString(length)
                        + ") runs past the end of its message (" + buffer.remaining() + " bytes left)");
            }
            ByteBuffer slice = buffer.slice().limit((int) length);
            buffer.position(buffer.position() + (int) length);
            return slice;
        }

        void skip(int wireType) throws InvalidAggregateException {
            switch (wireType) {
                case VARINT -> varint();
                case LENGTH_DELIMITED -> bytes();
                case FIXED64 -> advance(8);
                case FIXED32 -> advance(4);
                default -> throw new InvalidAggregateException("unsupported protobuf wire type " + wireType);
            }
        }

        private void advance(int count) throws InvalidAggregateException {
            if (buffer.remaining() < count) {
                throw new InvalidAggregateException("the protobuf ends inside a fixed-size field");
            }
            buffer.position(buffer.position() + count);
        }
    }
}
