package com.streamproc.cleansing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** The requests the store sends; their behaviour against a real table is covered by DataCleansingIT. */
class DynamoDbCustomerStoreTest {
    private final List<PutItemRequest> puts = new ArrayList<>();
    private final List<GetItemRequest> gets = new ArrayList<>();
    private boolean conditionFails;

    private final DynamoDbClient client = new DynamoDbClient() {
        @Override
        public PutItemResponse putItem(Consumer<PutItemRequest.Builder> request) {
            PutItemRequest built = PutItemRequest.builder().applyMutation(request).build();
            puts.add(built);
            if (conditionFails) {
                throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
            }
            return PutItemResponse.builder().build();
        }

        @Override
        public GetItemResponse getItem(Consumer<GetItemRequest.Builder> request) {
            gets.add(GetItemRequest.builder().applyMutation(request).build());
            return GetItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };
    private final DynamoDbCustomerStore store = new DynamoDbCustomerStore(client, "CustomersTable");

    @Test
    void newCustomerIsPutOnlyIfAbsent() {
        boolean written = store.putIfVersion(CustomerItemsTest.customer(), 0);

        assertThat(written).isTrue();
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.tableName()).isEqualTo("CustomersTable");
            assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(customerKey)");
            assertThat(put.item().get("version")).isEqualTo(AttributeValue.fromN("1"));
        });
    }

    @Test
    void storedCustomerIsPutOnlyIfTheVersionIsUnchanged() {
        store.putIfVersion(CustomerItemsTest.customer(), 4);

        PutItemRequest put = puts.get(0);
        assertThat(put.conditionExpression()).isEqualTo("#version = :expected");
        assertThat(put.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("4"));
        assertThat(put.item().get("version")).isEqualTo(AttributeValue.fromN("5"));
    }

    @Test
    void lostRaceIsReportedAsNotWritten() {
        conditionFails = true;

        assertThat(store.putIfVersion(CustomerItemsTest.customer(), 4)).isFalse();
    }

    @Test
    void readsAreStronglyConsistentAndAbsentItemsAreEmpty() {
        assertThat(store.load("EMAIL#nobody@example.com")).isEmpty();
        assertThat(gets).singleElement().satisfies(get -> assertThat(get.consistentRead()).isTrue());
    }
}
