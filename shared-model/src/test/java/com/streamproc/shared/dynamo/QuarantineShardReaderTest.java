package com.streamproc.shared.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.batch.RecordRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class QuarantineShardReaderTest {
    private static final String TABLE = "quarantine";
    private static final String SHARD = "shardId-000000000003";
    private static final BigInteger FIRST = new BigInteger("49659000000000000000000000000000000000000000000000000000");

    @Test
    void readsEveryBucketOfTheShardAndFollowsEveryPage() {
        PagingQuarantine dynamoDb = new PagingQuarantine(3);
        dynamoDb.quarantine(SHARD, 40);
        dynamoDb.quarantine("shardId-000000000004", 5);

        List<Map<String, AttributeValue>> items = new QuarantineShardReader(dynamoDb, TABLE).items(SHARD);

        assertThat(items).extracting(i -> i.get("sequenceNumber").s()).hasSize(40).doesNotHaveDuplicates()
                .allSatisfy(s -> assertThat(new BigInteger(s)).isBetween(FIRST, FIRST.add(BigInteger.valueOf(39))));
        assertThat(dynamoDb.bucketsAsked).containsExactlyInAnyOrderElementsOf(QuarantineKeys.shardBuckets(SHARD));
        assertThat(dynamoDb.requests).allSatisfy(r -> assertThat(r.consistentRead()).isTrue());
        assertThat(dynamoDb.requests.size()).as("pages of at most 3 items over 8 buckets").isGreaterThan(8);
    }

    @Test
    void betweenKeepsTheSequenceRangeInTheKeyCondition() {
        PagingQuarantine dynamoDb = new PagingQuarantine(2);
        dynamoDb.quarantine(SHARD, 30);
        String from = RecordRef.padSequence(FIRST.add(BigInteger.TEN).toString());
        String to = RecordRef.padSequence(FIRST.add(BigInteger.valueOf(19)).toString());

        List<Map<String, AttributeValue>> items = new QuarantineShardReader(dynamoDb, TABLE).between(SHARD, from, to);

        assertThat(items).extracting(i -> i.get("sequenceKey").s()).hasSize(10)
                .allSatisfy(key -> assertThat(key).isBetween(from, to));
        assertThat(dynamoDb.requests).allSatisfy(r -> assertThat(r.keyConditionExpression())
                .isEqualTo("shardBucket = :s AND sequenceKey BETWEEN :a AND :b"));
    }

    @Test
    void countAsksForCountsOnlyAndAddsThemUp() {
        PagingQuarantine dynamoDb = new PagingQuarantine(4);
        dynamoDb.quarantine(SHARD, 25);

        long count = new QuarantineShardReader(dynamoDb, TABLE).count(SHARD);

        assertThat(count).isEqualTo(25);
        assertThat(dynamoDb.requests).allSatisfy(r -> assertThat(r.select()).isEqualTo(Select.COUNT));
    }

    @Test
    void aProjectionIsPassedOnToEveryQuery() {
        PagingQuarantine dynamoDb = new PagingQuarantine(5);
        dynamoDb.quarantine(SHARD, 12);

        List<Map<String, AttributeValue>> items = new QuarantineShardReader(dynamoDb, TABLE)
                .items(SHARD, "sequenceNumber, reason");

        assertThat(items).hasSize(12);
        assertThat(dynamoDb.requests).allSatisfy(r -> assertThat(r.projectionExpression())
                .isEqualTo("sequenceNumber, reason"));
    }

    /** A quarantine table that answers Query on its table key a few items per page, as DynamoDB does at 1 MB. */
    static final class PagingQuarantine implements DynamoDbClient {
        final Map<String, TreeMap<String, Map<String, AttributeValue>>> byBucket = new HashMap<>();
        final List<QueryRequest> requests = new ArrayList<>();
        final List<String> bucketsAsked = new ArrayList<>();
        private final int pageSize;

        PagingQuarantine(int pageSize) {
            this.pageSize = pageSize;
        }

        void quarantine(String shardId, int records) {
            for (int i = 0; i < records; i++) {
                String sequence = FIRST.add(BigInteger.valueOf(i)).toString();
                String key = RecordRef.padSequence(sequence);
                Map<String, AttributeValue> item = new HashMap<>(QuarantineKeys.tableKey(shardId, key));
                item.put("sequenceNumber", AttributeValue.fromS(sequence));
                item.put("reason", AttributeValue.fromS("MALFORMED_JSON"));
                byBucket.computeIfAbsent(QuarantineKeys.shardBucket(shardId, key), b -> new TreeMap<>()).put(key, item);
            }
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            requests.add(request);
            assertThat(request.tableName()).isEqualTo(TABLE);
            String bucket = request.expressionAttributeValues().get(":s").s();
            if (!request.hasExclusiveStartKey()) {
                bucketsAsked.add(bucket);
            }
            AttributeValue from = request.expressionAttributeValues().get(":a");
            AttributeValue to = request.expressionAttributeValues().get(":b");
            String after = request.hasExclusiveStartKey() ? request.exclusiveStartKey().get("sequenceKey").s() : null;
            List<Map<String, AttributeValue>> page = new ArrayList<>();
            Map<String, AttributeValue> last = null;
            for (var entry : byBucket.getOrDefault(bucket, new TreeMap<>()).entrySet()) {
                String key = entry.getKey();
                if ((after != null && key.compareTo(after) <= 0) || (from != null && key.compareTo(from.s()) < 0)
                        || (to != null && key.compareTo(to.s()) > 0)) {
                    continue;
                }
                if (page.size() == pageSize) {
                    last = QuarantineKeys.tableKey(SHARD, page.get(page.size() - 1).get("sequenceKey").s());
                    break;
                }
                page.add(entry.getValue());
            }
            QueryResponse.Builder response = QueryResponse.builder().count(page.size());
            if (request.select() != Select.COUNT) {
                response.items(page);
            }
            if (last != null) {
                response.lastEvaluatedKey(last);
            }
            return response.build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
