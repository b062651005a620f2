package com.streamproc.bench.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class FakeDynamoDbTest {
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb(
            Map.of("orders", List.of("orderId"), "activity", List.of("pk", "sk")), Duration.ZERO);

    private static Map<String, AttributeValue> order(String id, long version) {
        return Map.of("orderId", AttributeValue.fromS(id), "version", AttributeValue.fromN(Long.toString(version)));
    }

    @Test
    void aPutForANewItemSucceedsOnceUnderAttributeNotExists() {
        dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 1))
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "orderId")));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 1))
                .conditionExpression("attribute_not_exists(orderId)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.itemCount("orders")).isEqualTo(1);
    }

    @Test
    void aVersionedPutSucceedsOnlyAtTheExpectedVersion() {
        dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 1)));

        dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 2)).conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("1"))));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 3))
                .conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("1")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS("o1"))))
                .item().get("version").n()).isEqualTo("2");
    }

    @Test
    void aGetOfAMissingItemHasNoItem() {
        assertThat(dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS("x"))))
                .hasItem()).isFalse();
    }

    @Test
    void batchWritesAndBatchGetsUseTheCompositeKey() {
        Map<String, AttributeValue> a = Map.of("pk", AttributeValue.fromS("u1"), "sk", AttributeValue.fromS("d1"),
                "count", AttributeValue.fromN("3"));
        Map<String, AttributeValue> b = Map.of("pk", AttributeValue.fromS("u1"), "sk", AttributeValue.fromS("d2"));
        dynamoDb.batchWriteItem(r -> r.requestItems(Map.of("activity", List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(a).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(b).build()).build()))));

        var response = dynamoDb.batchGetItem(r -> r.requestItems(Map.of("activity", KeysAndAttributes.builder()
                .keys(Map.of("pk", AttributeValue.fromS("u1"), "sk", AttributeValue.fromS("d1")),
                        Map.of("pk", AttributeValue.fromS("u1"), "sk", AttributeValue.fromS("d9")))
                .consistentRead(true).build())));

        assertThat(response.responses().get("activity")).containsExactly(a);
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void countsEveryRequestByOperationAndResetForgetsItemsAndCounts() {
        dynamoDb.putItem(b -> b.tableName("orders").item(order("o1", 1)));
        dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS("o1"))));
        dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS("o2"))));

        assertThat(dynamoDb.requestsByOperation()).containsExactly(Map.entry("GetItem", 2L), Map.entry("PutItem", 1L));
        assertThat(dynamoDb.totalRequests()).isEqualTo(3);

        dynamoDb.reset();

        assertThat(dynamoDb.totalRequests()).isZero();
        assertThat(dynamoDb.itemCount("orders")).isZero();
    }

    @Test
    void eachRequestTakesAtLeastTheConfiguredDelay() {
        FakeDynamoDb slow = new FakeDynamoDb(Map.of("orders", List.of("orderId")), Duration.ofMillis(20));

        long start = System.nanoTime();
        slow.putItem(b -> b.tableName("orders").item(order("o1", 1)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(20);
    }

    @Test
    void anUnknownTableIsAnError() {
        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("nope").item(order("o1", 1))))
                .hasMessageContaining("nope");
    }
}
