package com.streamproc.shared.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.concurrent.ConcurrentRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class DynamoBatchReaderTest {

    /** Holds items with even numbers; hands the first {@code unprocessedPerCall} keys back a set number of times. */
    static final class EvenItemsDynamoDb implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        final List<Boolean> consistency = new ArrayList<>();
        int stingyCallsLeft;
        final int unprocessedPerCall;

        EvenItemsDynamoDb(int stingyCalls, int unprocessedPerCall) {
            this.stingyCallsLeft = stingyCalls;
            this.unprocessedPerCall = unprocessedPerCall;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            KeysAndAttributes asked = request.requestItems().get("t");
            requestSizes.add(asked.keys().size());
            consistency.add(asked.consistentRead());
            List<Map<String, AttributeValue>> keys = asked.keys();
            List<Map<String, AttributeValue>> unprocessed = List.of();
            if (stingyCallsLeft-- > 0) {
                unprocessed = keys.subList(0, Math.min(unprocessedPerCall, keys.size()));
                keys = keys.subList(unprocessed.size(), keys.size());
            }
            List<Map<String, AttributeValue>> found = keys.stream()
                    .filter(key -> Integer.parseInt(key.get("pk").s().substring(5)) % 2 == 0)
                    .map(key -> Map.of("pk", key.get("pk"), "v", AttributeValue.fromS("value")))
                    .toList();
            return BatchGetItemResponse.builder()
                    .responses(Map.of("t", found))
                    .unprocessedKeys(unprocessed.isEmpty() ? Map.of()
                            : Map.of("t", KeysAndAttributes.builder().keys(unprocessed).build()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "item-" + i).toList();
    }

    private static Map<String, Optional<Map<String, AttributeValue>>> read(DynamoBatchReader reader, List<String> ids,
            boolean consistent) {
        return reader.read("t", ids, consistent, id -> Map.of("pk", AttributeValue.fromS(id)),
                item -> item.get("pk").s());
    }

    @Test
    void theChunksOfOneReadAreAskedForAtOnce() {
        CountDownLatch allAsked = new CountDownLatch(3);
        List<Boolean> together = new CopyOnWriteArrayList<>();
        EvenItemsDynamoDb items = new EvenItemsDynamoDb(0, 0);
        DynamoDbClient waitsForTheOtherChunks = new DynamoDbClient() {
            @Override
            public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
                allAsked.countDown();
                together.add(await(allAsked));
                synchronized (items) {
                    return items.batchGetItem(request);
                }
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
        DynamoBatchReader reader = new DynamoBatchReader(waitsForTheOtherChunks, 3, ConcurrentRequests.upTo(4));

        Map<String, Optional<Map<String, AttributeValue>>> result = read(reader, ids(250), true);

        assertThat(together).containsExactly(true, true, true);
        assertThat(result).hasSize(250);
        assertThat(result.keySet()).containsExactlyElementsOf(ids(250));
        assertThat(result.get("item-248")).isPresent();
        assertThat(result.get("item-249")).isEmpty();
    }

    @Test
    void aFailedChunkIsThrownOnceTheOtherChunksAreDone() {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        DynamoDbClient throttlesTheSecondChunk = new DynamoDbClient() {
            @Override
            public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
                List<Map<String, AttributeValue>> keys = request.requestItems().get("t").keys();
                asked.add(keys.size());
                if (keys.get(0).get("pk").s().equals("item-100")) {
                    throw ProvisionedThroughputExceededException.builder().message("slow down").build();
                }
                return BatchGetItemResponse.builder().responses(Map.of("t", List.of())).build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
        DynamoBatchReader reader = new DynamoBatchReader(throttlesTheSecondChunk, 3, ConcurrentRequests.upTo(4));

        assertThatThrownBy(() -> read(reader, ids(250), true))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(asked).containsExactlyInAnyOrder(100, 100, 50);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void asksForAtMost100DistinctKeysPerRequest() {
        EvenItemsDynamoDb dynamoDb = new EvenItemsDynamoDb(0, 0);
        List<String> ids = new ArrayList<>(ids(250));
        ids.addAll(ids(10));

        Map<String, Optional<Map<String, AttributeValue>>> items = read(new DynamoBatchReader(dynamoDb, 3), ids, true);

        assertThat(dynamoDb.requestSizes).containsExactly(100, 100, 50);
        assertThat(dynamoDb.consistency).containsOnly(true);
        assertThat(items).hasSize(250);
        assertThat(items.keySet()).startsWith("item-0", "item-1", "item-2");
    }

    @Test
    void tellsAMissingItemFromAFoundOne() {
        EvenItemsDynamoDb dynamoDb = new EvenItemsDynamoDb(0, 0);

        Map<String, Optional<Map<String, AttributeValue>>> items =
                read(new DynamoBatchReader(dynamoDb, 3), ids(4), false);

        assertThat(items.get("item-0")).hasValueSatisfying(item -> assertThat(item.get("v").s()).isEqualTo("value"));
        assertThat(items.get("item-1")).isEmpty();
        assertThat(items.get("item-3")).isEmpty();
        assertThat(dynamoDb.consistency).containsExactly(false);
    }

    @Test
    void asksAgainForUnprocessedKeys() {
        EvenItemsDynamoDb dynamoDb = new EvenItemsDynamoDb(2, 5);

        Map<String, Optional<Map<String, AttributeValue>>> items = read(new DynamoBatchReader(dynamoDb, 3), ids(20),
                true);

        assertThat(dynamoDb.requestSizes).containsExactly(20, 5, 5);
        assertThat(items).hasSize(20);
    }

    @Test
    void leavesKeysStillUnprocessedAfterTheLastRoundOutRatherThanCallingThemMissing() {
        EvenItemsDynamoDb dynamoDb = new EvenItemsDynamoDb(5, 3);

        Map<String, Optional<Map<String, AttributeValue>>> items = read(new DynamoBatchReader(dynamoDb, 2), ids(10),
                true);

        assertThat(dynamoDb.requestSizes).containsExactly(10, 3);
        assertThat(items.keySet()).doesNotContainAnyElementsOf(Set.of("item-0", "item-1", "item-2"));
        assertThat(items).hasSize(7);
    }

    @Test
    void withoutABoundAsksUntilEveryKeyIsAnswered() {
        EvenItemsDynamoDb dynamoDb = new EvenItemsDynamoDb(6, 1);

        Map<String, Optional<Map<String, AttributeValue>>> items = read(new DynamoBatchReader(dynamoDb, 0), ids(3),
                false);

        assertThat(dynamoDb.requestSizes).containsExactly(3, 1, 1, 1, 1, 1, 1);
        assertThat(items).hasSize(3);
    }

    @Test
    void refusesANegativeBound() {
        assertThatThrownBy(() -> new DynamoBatchReader(new EvenItemsDynamoDb(0, 0), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRounds");
    }
}
