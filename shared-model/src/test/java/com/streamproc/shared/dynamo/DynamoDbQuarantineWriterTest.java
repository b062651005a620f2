package com.streamproc.shared.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.decode.PoisonRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbQuarantineWriterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T23:59:00Z");
    private final DynamoDbQuarantineWriter writer = new DynamoDbQuarantineWriter(null, "q", "order-processing",
            Duration.ofDays(14), 16, Clock.fixed(NOW, ZoneOffset.UTC));
    private final RecordRef ref = new RecordRef("shardId-000000000001", "12345", "order-1",
            Instant.parse("2026-11-27T23:58:00Z"), 10);

    @Test
    void keysAreBucketedByTheRecordsIdentitySoThatAReaderCanComputeThem() {
        Map<String, AttributeValue> item = writer.item(new QuarantinedRecord(ref,
                new PoisonRecordException("NO_CONTACT_POINT", "no usable email or phone", List.of()),
                "crm", ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8))), NOW);

        int bucket = QuarantineKeys.indexBucket("shardId-000000000001", "00512345");
        assertThat(Map.of("shardBucket", item.get("shardBucket"), "sequenceKey", item.get("sequenceKey")))
                .isEqualTo(QuarantineKeys.tableKey("shardId-000000000001", "00512345"));
        assertThat(item.get("shardBucket").s()).startsWith("shardId-000000000001#");
        assertThat(item.get("reasonBucket").s()).isEqualTo("NO_CONTACT_POINT#" + bucket);
        assertThat(item.get("dayBucket").s()).isEqualTo("2026-11-27#" + bucket);
        assertThat(item.get("sourceBucket").s()).isEqualTo("crm#" + bucket);
        assertThat(QuarantineKeys.indexValues("crm")).contains(item.get("sourceBucket").s());
    }

    @Test
    void storesKeysReasonTimesAndTtl() {
        Map<String, AttributeValue> item = writer.item(new QuarantinedRecord(ref,
                new PoisonRecordException("NO_CONTACT_POINT", "no usable email or phone",
                        List.of("email:INVALID_EMAIL", "phone:INVALID_PHONE")),
                "crm", ByteBuffer.wrap("{\"a\":1}".getBytes(StandardCharsets.UTF_8))), NOW);

        assertThat(item.get("shardId").s()).isEqualTo("shardId-000000000001");
        assertThat(item.get("sequenceKey").s()).isEqualTo("00512345");
        assertThat(item.get("sequenceNumber").s()).isEqualTo("12345");
        assertThat(item.get("partitionKey").s()).isEqualTo("order-1");
        assertThat(item.get("function").s()).isEqualTo("order-processing");
        assertThat(item.get("reason").s()).isEqualTo("NO_CONTACT_POINT");
        assertThat(item.get("fieldReasons").l()).extracting(AttributeValue::s)
                .containsExactly("email:INVALID_EMAIL", "phone:INVALID_PHONE");
        assertThat(item.get("source").s()).isEqualTo("crm");
        assertThat(item.get("quarantineDay").s()).isEqualTo("2026-11-27");
        assertThat(item.get("arrivedAt").s()).isEqualTo("2026-11-27T23:58:00Z");
        assertThat(item.get("payload").s()).isEqualTo("{\"a\":1}");
        assertThat(item.get("payloadEncoding").s()).isEqualTo("utf-8");
        assertThat(item.get("payloadTruncated").bool()).isFalse();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(NOW.plus(Duration.ofDays(14)).getEpochSecond());
    }

    @Test
    void aUserRecordOfAnAggregateHasItsOwnKeyAndSubSequenceNumber() {
        RecordRef user = ref.userRecord(3, "user-7", 6);
        Map<String, AttributeValue> item = writer.item(new QuarantinedRecord(user,
                new PoisonRecordException("MALFORMED_JSON", ""), null,
                ByteBuffer.wrap("{oops}".getBytes(StandardCharsets.UTF_8))), NOW);

        assertThat(item.get("sequenceKey").s()).isEqualTo("00512345.0013");
        assertThat(item.get("sequenceNumber").s()).isEqualTo("12345");
        assertThat(item.get("subSequenceNumber").n()).isEqualTo("3");
        assertThat(item.get("partitionKey").s()).isEqualTo("user-7");
        assertThat(item.get("payload").s()).isEqualTo("{oops}");
        assertThat(writer.item(new QuarantinedRecord(ref, new PoisonRecordException("X", ""), null, null), NOW))
                .doesNotContainKey("subSequenceNumber");
    }

    @Test
    void storesBinaryAsBase64AndCutsLongPayloads() {
        byte[] binary = {(byte) 0xFF, 0, 1, 2};
        Map<String, AttributeValue> binaryItem = writer.item(new QuarantinedRecord(ref,
                new PoisonRecordException("INVALID_UTF8", ""), null, ByteBuffer.wrap(binary)), NOW);
        Map<String, AttributeValue> longItem = writer.item(new QuarantinedRecord(ref,
                new PoisonRecordException("RECORD_TOO_LARGE", ""), null,
                ByteBuffer.wrap("x".repeat(100).getBytes(StandardCharsets.UTF_8))), NOW);

        assertThat(binaryItem.get("payloadEncoding").s()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(binaryItem.get("payload").s())).isEqualTo(binary);
        assertThat(binaryItem).doesNotContainKey("source");
        assertThat(longItem.get("payload").s()).hasSize(16);
        assertThat(longItem.get("payloadTruncated").bool()).isTrue();
        assertThat(longItem.get("payloadBytes").n()).isEqualTo("100");
    }

    @Test
    void readingThePayloadLeavesTheCallersBufferUntouched() {
        ByteBuffer payload = ByteBuffer.wrap("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        writer.item(new QuarantinedRecord(ref, new PoisonRecordException("X", ""), null, payload), NOW);

        assertThat(payload.position()).isZero();
        assertThat(payload.remaining()).isEqualTo(7);
    }

    /** Refuses, as DynamoDB would an item it cannot hold, every item whose payload mentions "refuse-me". */
    static final class RefusingDynamoDb implements software.amazon.awssdk.services.dynamodb.DynamoDbClient {
        final List<Map<String, AttributeValue>> stored = new java.util.ArrayList<>();

        @Override
        public software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse batchWriteItem(
                software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest request) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> items = request.requestItems().get("q");
            for (var item : items) {
                AttributeValue payload = item.putRequest().item().get("payload");
                if (payload != null && payload.s().contains("refuse-me")) {
                    throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                            .message("refused").statusCode(400)
                            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                    .errorCode("ValidationException").build()).build();
                }
            }
            items.forEach(item -> stored.add(item.putRequest().item()));
            return software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRecordWhoseFullItemIsRefusedIsStillQuarantinedWithoutItsValues() {
        RefusingDynamoDb dynamoDb = new RefusingDynamoDb();
        DynamoDbQuarantineWriter refusing = new DynamoDbQuarantineWriter(dynamoDb, "q", "order-processing",
                Duration.ofDays(14), 1024, Clock.fixed(NOW, ZoneOffset.UTC));
        RecordRef other = new RecordRef("shardId-000000000001", "12346", "order-2", NOW, 7);
        com.streamproc.shared.retry.TransientRetry retry = new com.streamproc.shared.retry.TransientRetry(
                com.streamproc.shared.retry.RetryPolicy.DEFAULT, com.streamproc.shared.batch.Deadline.none());

        QuarantineWriter.Result result = refusing.write(List.of(
                new QuarantinedRecord(ref, new PoisonRecordException("MALFORMED_JSON", "bad"), "crm",
                        ByteBuffer.wrap("refuse-me".getBytes(StandardCharsets.UTF_8))),
                new QuarantinedRecord(other, new PoisonRecordException("MALFORMED_JSON", "bad"), null,
                        ByteBuffer.wrap("{\"a\":".getBytes(StandardCharsets.UTF_8)))), retry);

        assertThat(result.quarantined()).containsExactlyInAnyOrder(ref, other);
        assertThat(result.failure()).isNull();
        Map<String, AttributeValue> minimal = dynamoDb.stored.stream()
                .filter(item -> item.get("sequenceNumber").s().equals("12345")).findFirst().orElseThrow();
        assertThat(minimal.get("reason").s()).isEqualTo("MALFORMED_JSON");
        assertThat(minimal.get("itemRefused").s()).isEqualTo("DynamoDbException [ValidationException]");
        assertThat(minimal).doesNotContainKeys("payload", "partitionKey", "source");
        assertThat(minimal.get("payloadEncoding").s()).isEqualTo("none");
    }
}
