package com.streamproc.tools.quarantine;

import static com.streamproc.tools.quarantine.QuarantineItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.produce.FakeKinesis;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

class RedriverTest {
    private final FakeKinesis kinesis = new FakeKinesis();
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final Redriver redriver = new Redriver(kinesis, dynamoDb, "local-orders", "local-orders-quarantine",
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)), d -> { }, new SplittableRandom(3));

    private static QuarantinedItem quarantined(String sequence, String key, String payload, boolean truncated) {
        return QuarantinedItem.fromItem(item("shardId-000000000000", sequence, key, "INVALID_TRANSITION", payload,
                truncated));
    }

    @Test
    void recordGoesBackWithItsKeyAndPayloadAndItsItemIsDeletedAfterwards() {
        QuarantinedItem item = quarantined("77", "o-1", "{\"orderId\":\"o-1\"}", false);

        List<Redriver.Result> results = redriver.redrive(List.of(item), false);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Redriver.Outcome.REDRIVEN);
            assertThat(r.newSequenceNumber()).isNotNull();
        });
        assertThat(kinesis.stored).singleElement().satisfies(s -> {
            assertThat(s.stream()).isEqualTo("local-orders");
            assertThat(s.partitionKey()).isEqualTo("o-1");
            assertThat(s.data()).isEqualTo("{\"orderId\":\"o-1\"}");
        });
        assertThat(dynamoDb.deletes).singleElement().satisfies(d -> {
            assertThat(d.tableName()).isEqualTo("local-orders-quarantine");
            assertThat(d.key()).isEqualTo(item.key());
        });
    }

    @Test
    void userRecordsOfAnAggregateGoBackAloneAsPlainRecordsInStreamOrder() {
        QuarantinedItem second = QuarantinedItem.fromItem(QuarantineItems.userRecordItem("shardId-000000000000", "77",
                10, "o-2", "INVALID_TRANSITION", "{\"orderId\":\"o-2\"}"));
        QuarantinedItem first = QuarantinedItem.fromItem(QuarantineItems.userRecordItem("shardId-000000000000", "77",
                2, "o-1", "INVALID_TRANSITION", "{\"orderId\":\"o-1\"}"));
        QuarantinedItem plainBefore = quarantined("76", "o-3", "{\"orderId\":\"o-3\"}", false);

        List<Redriver.Result> results = redriver.redrive(List.of(second, first, plainBefore), false);

        assertThat(results).extracting(r -> r.item().id()).containsExactly("shardId-000000000000/76",
                "shardId-000000000000/77.2", "shardId-000000000000/77.10");
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Redriver.Outcome.REDRIVEN));
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::partitionKey, FakeKinesis.Stored::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o-3", "{\"orderId\":\"o-3\"}"),
                        org.assertj.core.groups.Tuple.tuple("o-1", "{\"orderId\":\"o-1\"}"),
                        org.assertj.core.groups.Tuple.tuple("o-2", "{\"orderId\":\"o-2\"}"));
        assertThat(kinesis.putRecordCalls).allSatisfy(put -> assertThat(put.explicitHashKey()).isNull());
        assertThat(dynamoDb.deletes).extracting(d -> d.key().get("sequenceKey").s())
                .containsExactly("00276", "00277.0012", "00277.00210");
    }

    @Test
    void truncatedPayloadIsRefusedAndNothingIsSentOrDeleted() {
        List<Redriver.Result> results = redriver.redrive(List.of(quarantined("77", "o-1", "{\"ord", true)), false);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Redriver.Outcome.REFUSED_TRUNCATED);
            assertThat(r.message()).contains("truncated").contains("200000 bytes");
        });
        assertThat(kinesis.putRecordCalls).isEmpty();
        assertThat(dynamoDb.deletes).isEmpty();
    }

    @Test
    void failedPutLeavesTheItemInTheQuarantine() {
        kinesis.thenThrow(KinesisException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not allowed").build()).build());

        List<Redriver.Result> results = redriver.redrive(List.of(quarantined("77", "o-1", "{}", false)), false);

        assertThat(results).singleElement().extracting(Redriver.Result::outcome)
                .isEqualTo(Redriver.Outcome.PUT_FAILED);
        assertThat(dynamoDb.deletes).isEmpty();
    }

    @Test
    void transientPutFailureIsRetried() {
        // As the SDK throws it: the connection failure is the cause.
        kinesis.thenThrow(SdkClientException.create("Unable to execute HTTP request: Connection reset",
                new java.net.SocketException("Connection reset")));

        List<Redriver.Result> results = redriver.redrive(List.of(quarantined("77", "o-1", "{}", false)), false);

        assertThat(results).singleElement().extracting(Redriver.Result::outcome).isEqualTo(Redriver.Outcome.REDRIVEN);
        assertThat(kinesis.putRecordCalls).hasSize(2);
        assertThat(kinesis.stored).hasSize(1);
    }

    @Test
    void failedDeleteAfterASuccessfulPutIsReportedAsSentButNotDeleted() {
        dynamoDb.deleteFailure = SdkClientException.create("Connection refused");

        List<Redriver.Result> results = redriver.redrive(List.of(quarantined("77", "o-1", "{}", false)), false);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Redriver.Outcome.SENT_NOT_DELETED);
            assertThat(r.succeeded()).isFalse();
        });
        assertThat(kinesis.stored).hasSize(1);
    }

    @Test
    void dryRunSendsAndDeletesNothing() {
        List<Redriver.Result> results = redriver.redrive(List.of(quarantined("77", "o-1", "{}", false)), true);

        assertThat(results).singleElement().extracting(Redriver.Result::outcome)
                .isEqualTo(Redriver.Outcome.WOULD_REDRIVE);
        assertThat(kinesis.putRecordCalls).isEmpty();
        assertThat(dynamoDb.deletes).isEmpty();
    }

    @Test
    void recordsGoOutInStreamOrder() {
        List<QuarantinedItem> newestFirst = List.of(quarantined("1000", "o-1", "third", false),
                quarantined("999", "o-1", "second", false), quarantined("50", "o-1", "first", false));

        redriver.redrive(newestFirst, false);

        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::data).containsExactly("first", "second", "third");
    }

    @Test
    void base64PayloadIsSentAsItsOriginalBytes() {
        byte[] original = {(byte) 0xC3, (byte) 0x28, 'x'};
        Map<String, AttributeValue> stored = new java.util.HashMap<>(item("shardId-000000000000", "5", "o-1",
                "INVALID_UTF8", "", false));
        stored.put("payloadEncoding", AttributeValue.fromS("base64"));
        stored.put("payload", AttributeValue.fromS(Base64.getEncoder().encodeToString(original)));

        redriver.redrive(List.of(QuarantinedItem.fromItem(stored)), false);

        assertThat(kinesis.putRecordCalls.get(0).data().asByteArray()).containsExactly(original);
    }
}
