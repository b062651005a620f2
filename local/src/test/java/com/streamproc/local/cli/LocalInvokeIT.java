package com.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invoke} end to end: the packaged CLI starts the emulators, creates the template's resources and runs the
 * real function zip under the runtime interface client, printing exactly the function's response.
 */
class LocalInvokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    /** A Lambda-format batch: the sample file when the project has it, else one built here. */
    private Path orderBatch() throws Exception {
        Path sample = CliProcess.projectRoot().resolve("events/order-processing/poison.json");
        if (Files.isRegularFile(sample)) {
            return sample;
        }
        Path event = directory.resolve("orders.json");
        Files.writeString(event, KinesisEventFixture.batch()
                .record("ord-it-1", "{\"schemaVersion\":1,\"eventId\":\"evt-it-1\",\"type\":\"ORDER_PLACED\","
                        + "\"orderId\":\"ord-it-1\",\"customerId\":\"cust-1\",\"occurredAt\":\"2026-11-27T10:00:00Z\","
                        + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"2.50\"}],"
                        + "\"total\":\"2.50\"}")
                .record("ord-it-2", "not json")
                .toLambdaJson());
        return event;
    }

    @Test
    void invokePrintsTheFunctionsResponseOnStdoutAndItsLogsOnStderr() throws Exception {
        CliProcess.Result result = CliProcess.run(180, "invoke", "OrderProcessingFunction", "-e",
                orderBatch().toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode response = JSON.readTree(result.stdout());
        assertThat(response.has("batchItemFailures")).isTrue();
        assertThat(response.get("batchItemFailures").isArray()).isTrue();
        assertThat(response.get("batchItemFailures")).as("poison is quarantined, never reported").isEmpty();
        assertThat(result.stdout().strip().lines().count()).isEqualTo(1);
        assertThat(result.stderr()).contains("START RequestId: ", "END RequestId: ", "REPORT RequestId: ",
                "Init Duration: ");
        assertThat(result.stderr()).contains("\"quarantined\":");
    }

    @Test
    void everyFunctionOfTheTemplateAnswersItsSampleBatch() throws Exception {
        for (String[] function : new String[][] {
                {"ActivityTrackingFunction", "events/activity-tracking/normal.json"},
                {"DataCleansingFunction", "events/data-cleansing/messy-valid.json"}}) {
            Path event = CliProcess.projectRoot().resolve(function[1]);
            if (!Files.isRegularFile(event)) {
                continue;
            }
            CliProcess.Result result = CliProcess.run(180, "invoke", function[0], "-e", event.toString());

            assertThat(result.exitCode()).as(function[0] + ": " + result.stderr()).isZero();
            assertThat(JSON.readTree(result.stdout()).get("batchItemFailures")).as(function[0]).isEmpty();
        }
    }

    /**
     * The KPL-aggregated sample of every function: nothing reported, and the batch log line counts user records,
     * each applied or quarantined (a re-sent aggregate's user records are duplicates, applied without effect).
     */
    @Test
    void everyFunctionTakesApartItsKplAggregatedSample() throws Exception {
        for (String[] function : new String[][] {
                {"OrderProcessingFunction", "events/order-processing/kpl-aggregated"},
                {"ActivityTrackingFunction", "events/activity-tracking/kpl-aggregated"},
                {"DataCleansingFunction", "events/data-cleansing/kpl-aggregated"}}) {
            Path event = CliProcess.projectRoot().resolve(function[1] + ".json");
            Path source = CliProcess.projectRoot().resolve(function[1] + ".jsonl");
            if (!Files.isRegularFile(event) || !Files.isRegularFile(source)) {
                continue;
            }
            CliProcess.Result result = CliProcess.run(180, "invoke", function[0], "-e", event.toString());

            assertThat(result.exitCode()).as(function[0] + ": " + result.stderr()).isZero();
            assertThat(JSON.readTree(result.stdout()).get("batchItemFailures")).as(function[0]).isEmpty();
            JsonNode summary = batchProcessedLine(result.stderr());
            assertThat(summary).as(function[0] + ": no batch processed line in " + result.stderr()).isNotNull();
            assertThat(summary.get("records").asLong()).as(function[0] + " user records")
                    .isEqualTo(userRecordsOf(source));
            assertThat(summary.get("failed").asLong()).as(function[0]).isZero();
            assertThat(summary.get("applied").asLong() + summary.get("quarantined").asLong()).as(function[0])
                    .isEqualTo(summary.get("records").asLong());
            assertThat(summary.get("quarantined").asLong()).as(function[0]).isPositive();
        }
    }

    private static JsonNode batchProcessedLine(String stderr) {
        for (String line : stderr.lines().toList()) {
            if (line.startsWith("{") && line.contains("\"batch processed\"")) {
                try {
                    return JSON.readTree(line);
                } catch (Exception notJson) {
                    // another line that merely mentions it
                }
            }
        }
        return null;
    }

    /** Plain lines count one record each, aggregate lines their user records. */
    private static long userRecordsOf(Path jsonl) throws Exception {
        long count = 0;
        for (String line : Files.readAllLines(jsonl)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                count += node.has("aggregate") ? node.get("aggregate").size() : 1;
            }
        }
        return count;
    }

    @Test
    void anUnknownFunctionIsABadUsageWithOneClearLine() throws Exception {
        CliProcess.Result result = CliProcess.run(60, "invoke", "NoSuchFunction", "-e", orderBatch().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: no function 'NoSuchFunction'").doesNotContain("\tat ");
    }

    @Test
    void anEventThatIsNotJsonIsABadUsage() throws Exception {
        Path event = directory.resolve("broken.json");
        Files.writeString(event, "{\"Records\": [");

        CliProcess.Result result = CliProcess.run(60, "invoke", "OrderProcessingFunction", "-e", event.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("error: the event is not JSON").doesNotContain("\tat ");
    }

    @Test
    void anEventOverLambdasSixMegabyteLimitIsRefusedWithLambdasError() throws Exception {
        Path event = directory.resolve("too-large.json");
        // A 9.2 MB batch: Lambda refuses it before running anything (HTTP 413).
        StringBuilder records = new StringBuilder("{\"Records\":[");
        String data = "A".repeat(1_000_000);
        for (int i = 0; i < 9; i++) {
            records.append(i == 0 ? "" : ",").append("{\"eventSource\":\"aws:kinesis\",\"kinesis\":{")
                    .append("\"partitionKey\":\"k\",\"sequenceNumber\":\"").append(i).append("\",\"data\":\"")
                    .append(data).append("\"}}");
        }
        Files.writeString(event, records.append("]}"));

        CliProcess.Result result = CliProcess.run(60, "invoke", "OrderProcessingFunction", "-e", event.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: RequestEntityTooLargeException: Request must be smaller than "
                + "6291456 bytes for the InvokeFunction operation").doesNotContain("\tat ", "START RequestId");
    }

    @Test
    void aRecordWithoutSequenceNumberOrWithNullKinesisIsAClearErrorNotANullPointerException() throws Exception {
        Path noSequence = directory.resolve("no-sequence.json");
        Files.writeString(noSequence, "{\"Records\":[{\"eventSource\":\"aws:kinesis\",\"kinesis\":"
                + "{\"partitionKey\":\"ord-1\",\"data\":\"e30=\"}}]}");
        Path nullKinesis = directory.resolve("null-kinesis.json");
        Files.writeString(nullKinesis, "{\"Records\":[{\"eventSource\":\"aws:kinesis\",\"kinesis\":null}]}");

        CliProcess.Result first = CliProcess.run(60, "invoke", "OrderProcessingFunction", "-e", noSequence.toString());
        CliProcess.Result second = CliProcess.run(60, "invoke", "OrderProcessingFunction", "-e", nullKinesis.toString());

        assertThat(first.exitCode()).isEqualTo(2);
        assertThat(first.stderr()).startsWith("error: not a Kinesis event as Lambda delivers it: "
                + "Records[0].kinesis.sequenceNumber is missing").doesNotContain("NullPointerException", "\tat ");
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.stderr()).startsWith("error: not a Kinesis event as Lambda delivers it: "
                + "Records[0].kinesis is null").doesNotContain("NullPointerException", "\tat ");
    }

    @Test
    void anUnknownOptionIsABadUsage() throws Exception {
        CliProcess.Result result = CliProcess.run(60, "invoke", "OrderProcessingFunction", "--no-such-flag");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unknown option: '--no-such-flag'").doesNotContain("\tat ");
    }
}
