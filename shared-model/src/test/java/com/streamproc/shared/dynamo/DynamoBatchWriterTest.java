package com.streamproc.shared.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.batch.Deadline;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoBatchWriterTest {
    private final TransientRetry retry = new TransientRetry(
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)), Deadline.none());

    /** Hands back the first {@code unprocessedPerCall} items of each request as unprocessed, a set number of times. */
    static final class StingyDynamoDb implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        int stingyCallsLeft;
        final int unprocessedPerCall;

        StingyDynamoDb(int stingyCalls, int unprocessedPerCall) {
            this.stingyCallsLeft = stingyCalls;
            this.unprocessedPerCall = unprocessedPerCall;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            List<WriteRequest> items = request.requestItems().get("t");
            requestSizes.add(items.size());
            if (stingyCallsLeft-- > 0) {
                List<WriteRequest> copies = new ArrayList<>();
                items.subList(0, Math.min(unprocessedPerCall, items.size()))
                        .forEach(item -> copies.add(item.toBuilder().build()));
                return BatchWriteItemResponse.builder().unprocessedItems(Map.of("t", copies)).build();
            }
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static List<WriteRequest> puts(int count) {
        return IntStream.range(0, count).mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("pk", AttributeValue.fromS("item-" + i))).build()).build()).toList();
    }

    @Test
    void splitsIntoRequestsOfAtMost25Items() {
        StingyDynamoDb dynamoDb = new StingyDynamoDb(0, 0);

        List<WriteRequest> failed = new DynamoBatchWriter(dynamoDb).writeAll("t", puts(60), retry);

        assertThat(failed).isEmpty();
        assertThat(dynamoDb.requestSizes).containsExactly(25, 25, 10);
    }

    @Test
    void resendsUnprocessedItemsUntilAllAreWritten() {
        StingyDynamoDb dynamoDb = new StingyDynamoDb(2, 4);

        List<WriteRequest> failed = new DynamoBatchWriter(dynamoDb).writeAll("t", puts(10), retry);

        assertThat(failed).isEmpty();
        assertThat(dynamoDb.requestSizes).containsExactly(10, 4, 4);
    }

    @Test
    void returnsTheCallersOwnInstancesOfItemsThatStayUnprocessed() {
        StingyDynamoDb dynamoDb = new StingyDynamoDb(Integer.MAX_VALUE, 3);
        List<WriteRequest> requests = puts(5);

        List<WriteRequest> failed = new DynamoBatchWriter(dynamoDb).writeAll("t", requests, retry);

        assertThat(failed).hasSize(3);
        assertThat(failed).allSatisfy(f -> assertThat(requests).anySatisfy(r -> assertThat(r).isSameAs(f)));
    }

    /** Refuses (ValidationException) every request that holds an item whose key is in {@code refused}. */
    static final class RefusingDynamoDb implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        final java.util.Set<String> refused;

        RefusingDynamoDb(String... refused) {
            this.refused = java.util.Set.of(refused);
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            List<WriteRequest> items = request.requestItems().get("t");
            requestSizes.add(items.size());
            if (items.stream().anyMatch(i -> refused.contains(i.putRequest().item().get("pk").s()))) {
                throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                        .message("One or more parameter values were invalid").statusCode(400)
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode("ValidationException").build()).build();
            }
            items.forEach(i -> written.add(i.putRequest().item().get("pk").s()));
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
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
    void aRequestDynamoDbRefusesIsNarrowedToTheItemsItRefusesOnTheirOwn() {
        RefusingDynamoDb dynamoDb = new RefusingDynamoDb("item-3", "item-30");
        List<WriteRequest> requests = puts(40);

        DynamoBatchWriter.Outcome outcome = new DynamoBatchWriter(dynamoDb).writeEach("t", requests, retry);

        assertThat(outcome.unwritten()).isEmpty();
        assertThat(outcome.rejected()).extracting(DynamoBatchWriter.Rejection::request)
                .containsExactly(requests.get(3), requests.get(30));
        assertThat(dynamoDb.written).hasSize(38).doesNotContain("item-3", "item-30");
        // One refused request of 25, then 25 single ones; one refused request of 15, then 15 single ones.
        assertThat(dynamoDb.requestSizes).hasSize(1 + 25 + 1 + 15);
    }

    @Test
    void writeAllThrowsTheRefusalAfterWritingTheOtherItems() {
        RefusingDynamoDb dynamoDb = new RefusingDynamoDb("item-1");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new DynamoBatchWriter(dynamoDb).writeAll("t", puts(3), retry))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class);
        assertThat(dynamoDb.written).containsExactly("item-0", "item-2");
    }
}
