package com.streamproc.shared.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.QuarantineShardReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What must hold after a function handled a fuzz batch with no injected fault: nothing reported for a retry, the
 * batch's log line counts no failure and every record as applied or quarantined, the quarantine table holds exactly
 * the quarantined records (each with a reason code, the same reasons the log line counts), and no record of a
 * valid part is among them.
 */
public final class FuzzCheck {
    /** The quarantine item of one record: its reason code and detail. */
    public record Quarantined(String reason, String detail) {
    }

    /**
     * What became of each record of the batch.
     *
     * @param quarantined by record index; a record not in it was applied
     */
    public record Outcome(FuzzBatch batch, Map<Integer, Quarantined> quarantined) {
        public String of(int index) {
            Quarantined q = quarantined.get(index);
            return q == null ? "applied" : q.reason();
        }
    }

    private FuzzCheck() {
    }

    /**
     * Runs {@code checks}; a failure (or an exception the handler threw) is reported with the rendered batch: jqwik
     * shows only the parts the batch was rendered from.
     */
    public static void explaining(FuzzBatch batch, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e + "\nin the batch of " + batch, e);
        }
    }

    /**
     * Checks one handled batch; see the class documentation.
     *
     * @param logLines      the batch log lines the handler wrote while handling it
     * @param firstSequence the sequence number of the batch's first record (the others follow one by one)
     */
    public static Outcome check(FuzzBatch batch, StreamsEventResponse response, List<JsonNode> logLines,
                                DynamoDbClient dynamoDb, String quarantineTable, String shardId,
                                BigInteger firstSequence) {
        int size = batch.records().size();
        assertThat(logLines).as("batch log lines of one invocation").hasSize(1);
        JsonNode line = logLines.get(0);
        assertThat(response.getBatchItemFailures()).as("batchItemFailures (log line %s)", line).isEmpty();
        assertThat(line.path("records").asInt(-1)).as("records in %s", line).isEqualTo(size);
        assertThat(line.path("failed").asInt(-1)).as("failed in %s", line).isZero();
        assertThat(line.path("applied").asInt() + line.path("quarantined").asInt())
                .as("applied + quarantined in %s", line).isEqualTo(size);
        assertThat(line.path("reportedSequenceNumber").isNull()).as("nothing reported in %s", line).isTrue();

        Map<String, Quarantined> bySequence = quarantineItems(dynamoDb, quarantineTable, shardId,
                firstSequence.toString(), firstSequence.add(BigInteger.valueOf(size - 1L)).toString());
        Map<Integer, Quarantined> byIndex = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        bySequence.forEach((sequence, item) -> {
            int index = new BigInteger(sequence).subtract(firstSequence).intValueExact();
            byIndex.put(index, item);
            reasons.merge(item.reason(), 1, Integer::sum);
        });
        assertThat(byIndex.values()).as("quarantine items with a reason code")
                .allSatisfy(q -> assertThat(q.reason()).isNotBlank());
        assertThat(byIndex).as("quarantine items of the batch vs the log line %s", line)
                .hasSize(line.path("quarantined").asInt());
        Map<String, Integer> logged = new TreeMap<>();
        line.path("quarantineReasons").properties().forEach(e -> logged.put(e.getKey(), e.getValue().asInt()));
        assertThat(reasons).as("reasons in the quarantine vs in the log line").isEqualTo(logged);

        List<String> validQuarantined = new ArrayList<>();
        batch.forEachIndexed((record, i) -> {
            if (record.mustApply() && byIndex.containsKey(i)) {
                validQuarantined.add("#" + i + " " + record + " -> " + byIndex.get(i));
            }
        });
        assertThat(validQuarantined).as("valid records that were quarantined").isEmpty();
        return new Outcome(batch, byIndex);
    }

    /**
     * The quarantine items of one shard between two sequence numbers, by sequence number
     * ({@link QuarantineShardReader#between}).
     */
    public static Map<String, Quarantined> quarantineItems(DynamoDbClient dynamoDb, String table, String shardId,
                                                           String fromSequence, String toSequence) {
        Map<String, Quarantined> items = new HashMap<>();
        for (Map<String, AttributeValue> item : new QuarantineShardReader(dynamoDb, table).between(shardId,
                RecordRef.padSequence(fromSequence), RecordRef.padSequence(toSequence))) {
            AttributeValue reason = item.get("reason");
            AttributeValue detail = item.get("detail");
            items.put(item.get("sequenceNumber").s(), new Quarantined(reason == null ? null : reason.s(),
                    detail == null ? "" : detail.s()));
        }
        return items;
    }
}
