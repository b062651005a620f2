package com.streamproc.shared.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader against aggregates written byte by byte from the documented layout (magic bytes, protobuf wire format
 * of {@code AggregatedRecord}, MD5), not by the project's own writer.
 */
class KplAggregateTest {
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    /** Magic + message + MD5(message). */
    static byte[] frame(byte[] message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC);
        out.write(message);
        out.write(MessageDigest.getInstance("MD5").digest(message));
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    /**
     * partition_key_table = ["pk-a", "pk-b"], explicit_hash_key_table = ["42"],
     * records = [{pk 0, data "one"}, {pk 1, ehk 0, data "two", tags [{key "t"}]}, {pk 0, data "three"}].
     */
    static byte[] threeRecords() throws Exception {
        byte[] message = concat(
                bytes(0x0A, 4), ascii("pk-a"),                 // field 1, wire type 2: "pk-a"
                bytes(0x0A, 4), ascii("pk-b"),                 // field 1: "pk-b"
                bytes(0x12, 2), ascii("42"),                   // field 2, wire type 2: "42"
                bytes(0x1A, 7, 0x08, 0, 0x1A, 3), ascii("one"), // field 3: {1: 0, 3: "one"}
                bytes(0x1A, 14, 0x08, 1, 0x10, 0, 0x1A, 3), ascii("two"),
                bytes(0x22, 3, 0x0A, 1), ascii("t"),            //   tags (4): {key "t"}
                bytes(0x1A, 9, 0x08, 0, 0x1A, 5), ascii("three"));
        return frame(message);
    }

    @Test
    void readsUserRecordsWithTheirKeysAndDataInSubSequenceOrder() throws Exception {
        List<KplAggregate.UserRecord> records = KplAggregate.read(ByteBuffer.wrap(threeRecords()));

        assertThat(records).hasSize(3);
        assertThat(records).extracting(KplAggregate.UserRecord::partitionKey).containsExactly("pk-a", "pk-b", "pk-a");
        assertThat(records).extracting(KplAggregate.UserRecord::explicitHashKey).containsExactly(null, "42", null);
        assertThat(records).extracting(r -> text(r.data())).containsExactly("one", "two", "three");
    }

    @Test
    void readsFromTheBuffersPositionWithoutChangingIt() throws Exception {
        byte[] aggregate = threeRecords();
        byte[] padded = concat(bytes(1, 2, 3), aggregate);
        ByteBuffer buffer = ByteBuffer.wrap(padded).position(3);

        assertThat(KplAggregate.isAggregated(buffer)).isTrue();
        assertThat(KplAggregate.read(buffer)).hasSize(3);
        assertThat(buffer.position()).isEqualTo(3);
        assertThat(buffer.remaining()).isEqualTo(aggregate.length);
    }

    @Test
    void multiByteVarintsAndUnknownFieldsAreRead() throws Exception {
        byte[] data = new byte[300];
        java.util.Arrays.fill(data, (byte) 'x');
        byte[] record = concat(bytes(0x08, 0), bytes(0x1A, 0xAC, 0x02), data,   // data length 300 as a varint
                bytes(0x28, 0x96, 0x01),                                       // unknown field 5, varint 150
                bytes(0x31, 1, 2, 3, 4, 5, 6, 7, 8),                            // unknown field 6, fixed64
                bytes(0x3D, 1, 2, 3, 4));                                      // unknown field 7, fixed32
        byte[] message = concat(bytes(0x0A, 1), ascii("k"), bytes(0x1A, 0xC2, 0x02), record,   // record length 322
                bytes(0x4A, 2), ascii("zz"));                                  // unknown field 9 of AggregatedRecord
        assertThat(record.length).isEqualTo(0x42 + 128 * 2);

        List<KplAggregate.UserRecord> records = KplAggregate.read(ByteBuffer.wrap(frame(message)));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.partitionKey()).isEqualTo("k");
            assertThat(r.data().remaining()).isEqualTo(300);
        });
    }

    @Test
    void recordsWithoutTheMagicBytesAreNotAggregates() {
        assertThat(KplAggregate.isAggregated(ByteBuffer.wrap(ascii("{\"a\":1}")))).isFalse();
        assertThat(KplAggregate.isAggregated(ByteBuffer.wrap(bytes(0xF3, 0x89, 0x9A)))).isFalse();
        assertThat(KplAggregate.isAggregated(ByteBuffer.allocate(0))).isFalse();
        assertThat(KplAggregate.isAggregated(null)).isFalse();
        assertThat(KplAggregate.isAggregated(ByteBuffer.wrap(bytes(0xF3, 0x89, 0x9A, 0xC2)))).isTrue();
    }

    @Test
    void aWrongMd5IsInvalid() throws Exception {
        byte[] aggregate = threeRecords();
        aggregate[aggregate.length - 1] ^= 1;

        assertThatThrownBy(() -> KplAggregate.read(ByteBuffer.wrap(aggregate)))
                .isInstanceOf(InvalidAggregateException.class).hasMessageContaining("MD5");
    }

    @Test
    void aChangedProtobufByteIsInvalidByItsMd5() throws Exception {
        byte[] aggregate = threeRecords();
        aggregate[10] ^= 1;

        assertThatThrownBy(() -> KplAggregate.read(ByteBuffer.wrap(aggregate)))
                .isInstanceOf(InvalidAggregateException.class).hasMessageContaining("MD5");
    }

    @Test
    void malformedProtobufWithAMatchingMd5IsInvalid() throws Exception {
        // length runs past the end
        assertInvalid(concat(bytes(0x0A, 9), ascii("pk")), "runs past");
        // varint cut off
        assertInvalid(bytes(0x0A, 1, 0x6B, 0x1A, 0x80), "varint");
        // no records
        assertInvalid(concat(bytes(0x0A, 2), ascii("pk")), "no user records");
        // partition key index outside the table
        assertInvalid(concat(bytes(0x0A, 1), ascii("k"), bytes(0x1A, 5, 0x08, 1, 0x1A, 1), ascii("x")),
                "partition key 1 of a table of 1");
        // explicit hash key index without a table
        assertInvalid(concat(bytes(0x0A, 1), ascii("k"), bytes(0x1A, 7, 0x08, 0, 0x10, 0, 0x1A, 1), ascii("x")),
                "explicit hash key 0 of a table of 0");
        // required data missing
        assertInvalid(concat(bytes(0x0A, 1), ascii("k"), bytes(0x1A, 2, 0x08, 0)), "lacks its data");
        // required partition key index missing
        assertInvalid(concat(bytes(0x0A, 1), ascii("k"), bytes(0x1A, 3, 0x1A, 1), ascii("x")),
                "lacks its partition key index");
        // a partition key that is not UTF-8
        assertInvalid(concat(bytes(0x0A, 1, 0xFF), bytes(0x1A, 5, 0x08, 0, 0x1A, 1), ascii("x")), "UTF-8");
        // a known field with the wrong wire type
        assertInvalid(bytes(0x18, 1), "wire type");
        // a group (wire type 3)
        assertInvalid(bytes(0x4B), "wire type 3");
        // field number 0
        assertInvalid(bytes(0x02, 0), "field number 0");
    }

    @Test
    void tooShortForMagicAndMd5IsInvalid() {
        assertThatThrownBy(() -> KplAggregate.read(ByteBuffer.wrap(concat(MAGIC, new byte[15]))))
                .isInstanceOf(InvalidAggregateException.class).hasMessageContaining("shorter");
    }

    @Test
    void theProjectsWriterProducesTheDocumentedBytes() throws Exception {
        byte[] written = new KplAggregateWriter()
                .add("pk-a", null, ascii("one"))
                .add("pk-b", "42", ascii("two"))
                .add("pk-a", null, ascii("three"))
                .build();
        byte[] expected = frame(concat(
                bytes(0x0A, 4), ascii("pk-a"), bytes(0x0A, 4), ascii("pk-b"), bytes(0x12, 2), ascii("42"),
                bytes(0x1A, 7, 0x08, 0, 0x1A, 3), ascii("one"),
                bytes(0x1A, 9, 0x08, 1, 0x10, 0, 0x1A, 3), ascii("two"),
                bytes(0x1A, 9, 0x08, 0, 0x1A, 5), ascii("three")));

        assertThat(written).isEqualTo(expected);
    }

    @Test
    void theWritersSizeIsTheBuiltSize() {
        KplAggregateWriter writer = new KplAggregateWriter();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(400)];
            String key = "key-" + random.nextInt(30);
            String hashKey = random.nextBoolean() ? null : Integer.toString(random.nextInt(1_000_000));
            int before = writer.sizeBytes();
            assertThat(writer.fits(key, hashKey, data, Integer.MAX_VALUE)).isTrue();
            writer.add(key, hashKey, data);
            assertThat(writer.build().length).isEqualTo(writer.sizeBytes()).isGreaterThan(before);
        }
    }

    private static void assertInvalid(byte[] message, String why) throws Exception {
        assertThatThrownBy(() -> KplAggregate.read(ByteBuffer.wrap(frame(message))))
                .isInstanceOf(InvalidAggregateException.class).hasMessageContaining(why);
    }
}
