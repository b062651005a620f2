package com.streamproc.tools.quarantine;

import static com.streamproc.tools.quarantine.QuarantineItems.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.dynamo.QuarantineKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

class QuarantineReaderTest {
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final QuarantineReader reader = new QuarantineReader(dynamoDb, "local-orders-quarantine",
            Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC));

    @Test
    void byReasonQueriesEveryBucketOfTheReasonNewestFirstWithinTheTimeRange() {
        reader.find(new QuarantineSelection("INVALID_TRANSITION", null, Instant.parse("2026-11-27T10:00:00Z"),
                Instant.parse("2026-11-27T11:00:00Z"), List.of()), 50);

        assertThat(dynamoDb.queries).hasSize(QuarantineKeys.INDEX_BUCKETS).allSatisfy(query -> {
            assertThat(query.tableName()).isEqualTo("local-orders-quarantine");
            assertThat(query.indexName()).isEqualTo("byReason");
            assertThat(query.scanIndexForward()).isFalse();
            assertThat(query.keyConditionExpression()).isEqualTo("#k = :k AND #t BETWEEN :lo AND :hi");
            assertThat(query.expressionAttributeNames()).containsEntry("#k", "reasonBucket");
            assertThat(query.expressionAttributeValues())
                    .containsEntry(":lo", AttributeValue.fromS("2026-11-27T10:00:00"))
                    .containsEntry(":hi", AttributeValue.fromS("2026-11-27T11:00:00"));
            assertThat(query.filterExpression()).isNull();
        });
        assertThat(dynamoDb.queries).extracting(q -> q.expressionAttributeValues().get(":k").s())
                .containsExactlyInAnyOrderElementsOf(QuarantineKeys.indexValues("INVALID_TRANSITION"));
    }

    @Test
    void boundsWithoutZoneKeepWholeSecondsFromFromAndNoneFromTo() {
        // Stored values carry a zone and maybe a fraction; the bound sorts before all of its own second.
        String from = QuarantineReader.bound(Instant.parse("2026-11-27T10:00:05Z"));

        assertThat("2026-11-27T10:00:05Z").isGreaterThan(from);
        assertThat("2026-11-27T10:00:05.001Z").isGreaterThan(from);
        assertThat("2026-11-27T10:00:04.999Z").isLessThan(from);
    }

    @Test
    void reasonAndSourceTogetherQueryByReasonAndFilterBySource() {
        reader.find(new QuarantineSelection("NO_CONTACT_POINT", "crm", null, null, List.of()), 10);

        assertThat(dynamoDb.queries).isNotEmpty().allSatisfy(query -> {
            assertThat(query.indexName()).isEqualTo("byReason");
            assertThat(query.filterExpression()).isEqualTo("#f = :f");
            assertThat(query.expressionAttributeNames()).containsEntry("#f", "source");
            assertThat(query.expressionAttributeValues()).containsEntry(":f", AttributeValue.fromS("crm"));
        });
    }

    @Test
    void sourceAloneQueriesTheSourceIndex() {
        reader.find(new QuarantineSelection(null, "shop", null, null, List.of()), 10);

        assertThat(dynamoDb.queries).extracting(QueryRequest::indexName).containsOnly("bySource");
        assertThat(dynamoDb.queries).extracting(q -> q.expressionAttributeValues().get(":k").s())
                .containsExactlyInAnyOrderElementsOf(QuarantineKeys.indexValues("shop"));
    }

    @Test
    void withoutReasonOrSourceEachDayOfTheRangeIsQueriedNewestFirst() {
        reader.find(new QuarantineSelection(null, null, Instant.parse("2026-11-25T12:00:00Z"),
                Instant.parse("2026-11-28T00:00:00Z"), List.of()), 100);

        assertThat(dynamoDb.queries).extracting(QueryRequest::indexName).containsOnly("byDay");
        assertThat(daysQueried()).containsExactly("2026-11-27", "2026-11-26", "2026-11-25");
    }

    @Test
    void noSelectionMeansTodayUtc() {
        reader.find(new QuarantineSelection(null, null, null, null, List.of()), 100);

        assertThat(daysQueried()).containsExactly("2026-11-27");
    }

    @Test
    void pagesAreFollowedUntilTheLimit() {
        Map<String, AttributeValue> first = stored("101", "2026-11-27T10:00:04Z");
        String bucket = first.get("reasonBucket").s();
        Map<String, AttributeValue> next = Map.of("shardBucket", AttributeValue.fromS("s"));
        dynamoDb.page(bucket, QueryResponse.builder().items(first, stored("102", "2026-11-27T10:00:03Z"))
                .lastEvaluatedKey(next).build());
        dynamoDb.page(bucket, QueryResponse.builder().items(stored("103", "2026-11-27T10:00:02Z"),
                stored("104", "2026-11-27T10:00:01Z")).lastEvaluatedKey(next).build());

        List<QuarantinedItem> found = reader.find(
                new QuarantineSelection("INVALID_TRANSITION", null, null, null, List.of()), 3);

        assertThat(found).extracting(QuarantinedItem::partitionKey).containsExactly("o-101", "o-102", "o-103");
        List<QueryRequest> ofBucket = dynamoDb.queries.stream()
                .filter(q -> q.expressionAttributeValues().get(":k").s().equals(bucket)).toList();
        assertThat(ofBucket).hasSize(2);
        assertThat(ofBucket.get(1).exclusiveStartKey()).isEqualTo(next);
    }

    @Test
    void entriesOfAllBucketsAreMergedNewestFirstAndReadWholeByKey() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(stored(Integer.toString(1000 + i), "2026-11-27T10:00:" + String.format("%02d", i) + "Z"));
        }
        // One page per bucket, newest first, as the index returns it.
        Map<String, List<Map<String, AttributeValue>>> byBucket = new HashMap<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            byBucket.computeIfAbsent(items.get(i).get("reasonBucket").s(), b -> new ArrayList<>()).add(items.get(i));
        }
        byBucket.forEach((bucket, page) -> dynamoDb.page(bucket, QueryResponse.builder().items(page).build()));

        List<QuarantinedItem> found = reader.find(
                new QuarantineSelection("INVALID_TRANSITION", null, null, null, List.of()), 5);

        assertThat(items.stream().map(i -> i.get("reasonBucket").s()).distinct().count()).isGreaterThan(10);
        assertThat(found).extracting(QuarantinedItem::partitionKey)
                .containsExactly("o-1039", "o-1038", "o-1037", "o-1036", "o-1035");
        assertThat(found).allSatisfy(item -> assertThat(item.payload()).isEqualTo("{}"));
        assertThat(dynamoDb.gets).hasSize(5).allSatisfy(get -> assertThat(get.consistentRead()).isTrue());
    }

    /** An item stored in the table, whose index entry (keys, reason, source) is what a query returns. */
    private Map<String, AttributeValue> stored(String sequence, String quarantinedAt) {
        Map<String, AttributeValue> item = new HashMap<>(item("shardId-000000000000", sequence, "o-" + sequence,
                "INVALID_TRANSITION", "{}", false));
        item.put("quarantinedAt", AttributeValue.fromS(quarantinedAt));
        dynamoDb.store(item);
        Map<String, AttributeValue> entry = new HashMap<>();
        for (String name : List.of("shardBucket", "sequenceKey", "reasonBucket", "dayBucket", "quarantinedAt",
                "reason")) {
            entry.put(name, item.get(name));
        }
        return entry;
    }

    private List<String> daysQueried() {
        return dynamoDb.queries.stream().map(q -> q.expressionAttributeValues().get(":k").s())
                .map(value -> value.substring(0, value.indexOf('#'))).distinct().toList();
    }

    @Test
    void namedRecordIsReadByItsKeyWithThePaddedSequence() {
        dynamoDb.store(item("shardId-000000000001", "4959", "o-1", "ORDER_UNKNOWN", "{}", false));

        List<QuarantinedItem> found = reader.find(new QuarantineSelection(null, null, null, null,
                List.of("shardId-000000000001/4959")), 10);

        assertThat(found).singleElement().extracting(QuarantinedItem::id).isEqualTo("shardId-000000000001/4959");
        assertThat(dynamoDb.gets.get(0).key()).containsEntry("sequenceKey", AttributeValue.fromS("0044959"))
                .containsEntry("shardBucket", AttributeValue.fromS(
                        QuarantineKeys.shardBucket("shardId-000000000001", "0044959")));
        assertThat(dynamoDb.queries).isEmpty();
    }

    @Test
    void namedUserRecordOfAnAggregateIsReadByItsKeyWithThePaddedSubSequence() {
        dynamoDb.store(QuarantineItems.userRecordItem("shardId-000000000001", "4959", 12, "o-1", "ORDER_UNKNOWN",
                "{}"));

        List<QuarantinedItem> found = reader.find(new QuarantineSelection(null, null, null, null,
                List.of("shardId-000000000001/4959.12")), 10);

        assertThat(found).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("shardId-000000000001/4959.12");
            assertThat(item.subSequenceNumber()).isEqualTo(12L);
            assertThat(item.sequenceNumber()).isEqualTo("4959");
        });
        assertThat(dynamoDb.gets.get(0).key()).containsEntry("sequenceKey", AttributeValue.fromS("0044959.00212"));
        assertThat(QuarantineListCommand.table(found, false).rows()).singleElement()
                .satisfies(row -> assertThat(row).contains("shardId-000000000001/4959.12"));
    }

    @Test
    void anAggregatesPlainIdAsksForThePlainKeyAndABrokenSubSequenceIsRefused() {
        reader.find(new QuarantineSelection(null, null, null, null, List.of("shardId-000000000001/4959")), 10);

        // The user records' keys all have a suffix: the plain key names none of them (see AggregatedRedriveIT).
        assertThat(dynamoDb.gets.get(0).key()).containsEntry("sequenceKey", AttributeValue.fromS("0044959"));
        assertThatThrownBy(() -> reader.find(new QuarantineSelection(null, null, null, null,
                List.of("shardId-000000000001/4959.x")), 10)).hasMessageContaining("4959.x");
    }

    @Test
    void tooLongADayRangeIsRefused() {
        QuarantineSelection year = new QuarantineSelection(null, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-11-27T00:00:00Z"), List.of());

        assertThatThrownBy(() -> reader.find(year, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--reason");
        assertThat(reader.days(QuarantineSelection.day(LocalDate.parse("2026-11-20"))))
                .containsExactly(LocalDate.parse("2026-11-20"));
    }
}
