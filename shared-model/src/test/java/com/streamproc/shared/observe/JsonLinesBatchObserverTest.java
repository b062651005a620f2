package com.streamproc.shared.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.FailureKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesBatchObserverTest {
    private final List<String> lines = new ArrayList<>();
    private final JsonLinesBatchObserver observer = new JsonLinesBatchObserver(lines::add,
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
    private final BatchSummary summary = new BatchSummary("order-processing", "shardId-000000000000", "100", "199",
            100, 95, 3, 2, "150", 420, 1500, 4, Map.of("INVALID_TRANSITION", 3),
            new FailureCause(FailureKind.TRANSIENT, "ProvisionedThroughputExceededException",
                    "ProvisionedThroughputExceededException", "PutItem", "orders-dev"));

    @Test
    void writesOneLogLineAndOneEmbeddedMetricLinePerBatch() throws Exception {
        observer.batchCompleted(summary);

        assertThat(lines).hasSize(2);
        JsonNode log = new ObjectMapper().readTree(lines.get(0));
        assertThat(log.get("level").asText()).isEqualTo("WARN");
        assertThat(log.get("function").asText()).isEqualTo("order-processing");
        assertThat(log.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(log.get("firstSequenceNumber").asText()).isEqualTo("100");
        assertThat(log.get("lastSequenceNumber").asText()).isEqualTo("199");
        assertThat(log.get("applied").asInt()).isEqualTo(95);
        assertThat(log.get("quarantined").asInt()).isEqualTo(3);
        assertThat(log.get("failed").asInt()).isEqualTo(2);
        assertThat(log.get("durationMs").asLong()).isEqualTo(420);
        assertThat(log.get("quarantineReasons").get("INVALID_TRANSITION").asInt()).isEqualTo(3);
    }

    @Test
    void logLineNamesTheCauseOfTheReportedRecord() throws Exception {
        observer.batchCompleted(summary);

        JsonNode cause = new ObjectMapper().readTree(lines.get(0)).get("failureCause");
        assertThat(cause.get("kind").asText()).isEqualTo("TRANSIENT");
        assertThat(cause.get("exception").asText()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(cause.get("errorCode").asText()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(cause.get("operation").asText()).isEqualTo("PutItem");
        assertThat(cause.get("table").asText()).isEqualTo("orders-dev");
    }

    @Test
    void logLineOfACleanBatchHasNoCause() throws Exception {
        BatchSummary clean = new BatchSummary("order-processing", "shardId-000000000000", "100", "199",
                100, 100, 0, 0, null, 420, 1500, 0, Map.of(), null);

        observer.batchCompleted(clean);

        JsonNode log = new ObjectMapper().readTree(lines.get(0));
        assertThat(log.get("level").asText()).isEqualTo("INFO");
        assertThat(log.has("failureCause")).isFalse();
    }

    @Test
    void metricLineFollowsTheEmbeddedMetricFormat() throws Exception {
        observer.batchCompleted(summary);

        JsonNode emf = new ObjectMapper().readTree(lines.get(1));
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(emf.get("_aws").get("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("StreamProcessing");
        assertThat(directive.get("Dimensions").get(0).get(0).asText()).isEqualTo("Function");
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> {
            names.add(m.get("Name").asText());
            assertThat(emf.has(m.get("Name").asText())).as("value for %s", m.get("Name")).isTrue();
        });
        assertThat(names).contains("RecordsProcessed", "RecordsQuarantined", "RecordsFailed", "BatchDuration",
                "OldestRecordAge");
        assertThat(emf.get("Function").asText()).isEqualTo("order-processing");
        assertThat(emf.get("RecordsQuarantined").asInt()).isEqualTo(3);
        assertThat(emf.get("OldestRecordAge").asLong()).isEqualTo(1500);
    }

    @Test
    void metricsOfADeployedFunctionAreKeptApartPerEnvironmentByItsDeployedName() throws Exception {
        List<String> deployed = new ArrayList<>();
        new JsonLinesBatchObserver(deployed::add, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC),
                "prod-order-processing").batchCompleted(summary);

        JsonNode emf = new ObjectMapper().readTree(deployed.get(1));
        JsonNode dimensionSets = emf.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions");
        assertThat(dimensionSets).hasSize(1);
        List<String> dimensions = new ArrayList<>();
        dimensionSets.get(0).forEach(d -> dimensions.add(d.asText()));
        assertThat(dimensions).containsExactly("Function", "FunctionName");
        // EMF drops a metric line whose dimension has no value at the root.
        assertThat(emf.get("Function").asText()).isEqualTo("order-processing");
        assertThat(emf.get("FunctionName").asText()).isEqualTo("prod-order-processing");
    }

    @Test
    void withoutADeployedNameTheMetricsHaveTheFunctionDimensionOnly() throws Exception {
        observer.batchCompleted(summary);

        JsonNode emf = new ObjectMapper().readTree(lines.get(1));
        assertThat(emf.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").get(0)).hasSize(1);
        assertThat(emf.has("FunctionName")).isFalse();
    }
}
