package com.streamproc.tools.quarantine;

import static com.streamproc.tools.quarantine.QuarantineItems.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    void byReasonQueriesTheReasonIndexNewestFirstWithinTheTimeRange() {
        reader.find(new QuarantineSelection("INVALID_TRANSITION", null, Instant.parse("2026-11-27T10:00:00Z"),
                Instant.parse("2026-11-27T11:00:00Z"), List.of()), 50);

        QueryRequest query = dynamoDb.queries.get(0);
        assertThat(query.tableName()).isEqualTo("local-orders-quarantine");
        assertThat(query.indexName()).isEqualTo("byReason");
        assertThat(query.scanIndexForward()).isFalse();
        assertThat(query.keyConditionExpression()).isEqualTo("#k = :k AND #t BETWEEN :lo AND :hi");
        assertThat(query.expressionAttributeValues()).containsEntry(":k", AttributeValue.fromS("INVALID_TRANSITION"))
                .containsEntry(":lo", AttributeValue.fromS("2026-11-27T10:00:00"))
                .containsEntry(":hi", AttributeValue.fromS("2026-11-27T11:00:00"));
        assertThat(query.filterExpression()).isNull();
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

        QueryRequest query = dynamoDb.queries.get(0);
        assertThat(query.indexName()).isEqualTo("byReason");
        assertThat(query.filterExpression()).isEqualTo("#f = :f");
        assertThat(query.expressionAttributeNames()).containsEntry("#f", "source");
        assertThat(query.expressionAttributeValues()).containsEntry(":f", AttributeValue.fromS("crm"));
    }

    @Test
    void sourceAloneQueriesTheSourceIndex() {
        reader.find(new QuarantineSelection(null, "shop", null, null, List.of()), 10);

        assertThat(dynamoDb.queries.get(0).indexName()).isEqualTo("bySource");
    }

    @Test
    void withoutReasonOrSourceEachDayOfTheRangeIsQueriedNewestFirst() {
        reader.find(new QuarantineSelection(null, null, Instant.parse("2026-11-25T12:00:00Z"),
                Instant.parse("2026-11-28T00:00:00Z"), List.of()), 100);

        assertThat(dynamoDb.queries).extracting(QueryRequest::indexName).containsOnly("byDay");
        assertThat(dynamoDb.queries).extracting(q -> q.expressionAttributeValues().get(":k").s())
                .containsExactly("2026-11-27", "2026-11-26", "2026-11-25");
    }

    @Test
    void noSelectionMeansTodayUtc() {
        reader.find(new QuarantineSelection(null, null, null, null, List.of()), 100);

        assertThat(dynamoDb.queries).extracting(q -> q.expressionAttributeValues().get(":k").s())
                .containsExactly("2026-11-27");
    }

    @Test
    void pagesAreFollowedUntilTheLimit() {
        Map<String, AttributeValue> next = Map.of("shardId", AttributeValue.fromS("s"));
        dynamoDb.pages.add(QueryResponse.builder().items(
                item("shardId-000000000000", "101", "o-1", "INVALID_TRANSITION", "{}", false),
                item("shardId-000000000000", "102", "o-2", "INVALID_TRANSITION", "{}", false))
                .lastEvaluatedKey(next).build());
        dynamoDb.pages.add(QueryResponse.builder().items(
                item("shardId-000000000000", "103", "o-3", "INVALID_TRANSITION", "{}", false),
                item("shardId-000000000000", "104", "o-4", "INVALID_TRANSITION", "{}", false))
                .lastEvaluatedKey(next).build());

        List<QuarantinedItem> found = reader.find(
                new QuarantineSelection("INVALID_TRANSITION", null, null, null, List.of()), 3);

        assertThat(found).extracting(QuarantinedItem::partitionKey).containsExactly("o-1", "o-2", "o-3");
        assertThat(dynamoDb.queries).hasSize(2);
        assertThat(dynamoDb.queries.get(1).exclusiveStartKey()).isEqualTo(next);
    }

    @Test
    void namedRecordIsReadByItsKeyWithThePaddedSequence() {
        dynamoDb.items.add(item("shardId-000000000001", "4959", "o-1", "ORDER_UNKNOWN", "{}", false));

        List<QuarantinedItem> found = reader.find(new QuarantineSelection(null, null, null, null,
                List.of("shardId-000000000001/4959")), 10);

        assertThat(found).singleElement().extracting(QuarantinedItem::id).isEqualTo("shardId-000000000001/4959");
        assertThat(dynamoDb.gets.get(0).key()).containsEntry("sequenceKey", AttributeValue.fromS("0044959"));
        assertThat(dynamoDb.queries).isEmpty();
    }

    @Test
    void namedUserRecordOfAnAggregateIsReadByItsKeyWithThePaddedSubSequence() {
        dynamoDb.items.add(QuarantineItems.userRecordItem("shardId-000000000001", "4959", 12, "o-1", "ORDER_UNKNOWN",
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
