package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.produce.InputEvent;
import com.streamproc.tools.produce.synthetic.SyntheticTraffic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@ExtendWith(EmulatorStackExtension.class)
class ProducerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void partiallyFailedRequestIsRetriedAndEveryRecordLandsExactlyOnce(EmulatorStack stack) throws Exception {
        String env = "produceit";
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env));
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        FailOneEntryOnce failOne = new FailOneEntryOnce();

        CommandRun run = CommandRun.run(ItContexts.of(stack, clock, failOne), "produce", "--env", env,
                "--generate", "orders=60,activity=200,customers=40", "--seed", "5", "--rate", "2000", "--quiet");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).isEqualTo("sent=300 retried=1 rejected=0 failed=0");
        assertThat(failOne.failedEntry()).isNotNull();
        // The same seed and clock give the same events: what the stream holds must be exactly those, once each.
        Map<PipelineFunction, Long> counts = new LinkedHashMap<>();
        counts.put(TestFunctions.ORDER_PROCESSING, 60L);
        counts.put(TestFunctions.ACTIVITY_TRACKING, 200L);
        counts.put(TestFunctions.DATA_CLEANSING, 40L);
        List<String> expected = new ArrayList<>();
        new SyntheticTraffic(counts, 5, 0, clock).forEachRemaining((InputEvent e) ->
                expected.add(e.function().streamName(env) + " " + new String(e.data(), StandardCharsets.UTF_8)));
        List<String> stored = new ArrayList<>();
        try (KinesisClient kinesis = stack.kinesisClient()) {
            for (PipelineFunction function : PipelineFunction.values()) {
                for (StreamContents.Stored record : StreamContents.readAll(kinesis, function.streamName(env))) {
                    stored.add(function.streamName(env) + " " + record.text());
                    assertThat(record.partitionKey()).isEqualTo(contractKey(function, record.text()));
                }
            }
        }
        assertThat(stored).hasSize(300).containsExactlyInAnyOrderElementsOf(expected);
        String failedData = failOne.failedEntry().data().asUtf8String();
        assertThat(stored.stream().filter(s -> s.endsWith(" " + failedData))).hasSize(1);
        // The SDK's default wire protocol for Kinesis, which kinesis-local understands.
        assertThat(failOne.contentTypes).isNotEmpty().allMatch(type -> type.startsWith("application/x-amz-cbor"));
    }

    @Test
    void invalidEventsAreRejectedWithTheFunctionsReasonsAndOnlyValidOnesSent(EmulatorStack stack,
                                                                              @TempDir Path dir) throws Exception {
        String env = "rejectit";
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env));
        Path input = dir.resolve("orders.jsonl");
        Files.writeString(input, String.join("\n",
                placed("r-1", "10.00", "10.00"),
                placed("r-2", "10.00", "11.00"),
                "{\"schemaVersion\": 1, \"type\": \"ORDER_PLACED\"",
                placed("r-3", "2.50", "2.50")) + "\n");
        Path rejects = dir.resolve("rejects.jsonl");

        CommandRun run = CommandRun.run(ItContexts.of(stack), "produce", "--env", env, "--input",
                "orders=" + input, "--rejects", rejects.toString(), "--quiet");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out().strip()).isEqualTo("sent=2 retried=0 rejected=2 failed=0");
        List<JsonNode> rejected = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) {
            rejected.add(JSON.readTree(line));
        }
        assertThat(rejected).extracting(r -> r.get("reason").asText()).containsExactly("TOTAL_MISMATCH", "MALFORMED_JSON");
        assertThat(rejected).extracting(r -> r.get("origin").asText())
                .containsExactly(input + ":2", input + ":3");
        try (KinesisClient kinesis = stack.kinesisClient()) {
            assertThat(StreamContents.readAll(kinesis, env + "-orders")).extracting(StreamContents.Stored::partitionKey)
                    .containsExactlyInAnyOrder("r-1", "r-3");
        }
    }

    private static String placed(String orderId, String unitPrice, String total) {
        return "{\"schemaVersion\": 1, \"eventId\": \"e-" + orderId + "\", \"type\": \"ORDER_PLACED\", \"orderId\": \""
                + orderId + "\", \"customerId\": \"c-1\", \"occurredAt\": \"2026-11-26T10:00:00Z\", \"currency\": \"EUR\","
                + " \"items\": [{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"" + unitPrice + "\"}], \"total\": \""
                + total + "\"}";
    }

    private static String contractKey(PipelineFunction function, String json) throws Exception {
        JsonNode event = JSON.readTree(json);
        return switch (function.functionName()) {
            case "order-processing" -> event.get("orderId").asText();
            case "activity-tracking" -> event.get("userId").asText();
            case "data-cleansing" -> event.get("sourceSystem").asText() + ":" + event.get("sourceRecordId").asText();
            default -> throw new IllegalArgumentException(function.functionName());
        };
    }
}
