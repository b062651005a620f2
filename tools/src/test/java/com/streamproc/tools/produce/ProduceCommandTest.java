package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.tools.aws.AwsConnections;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class ProduceCommandTest {
    private final FakeKinesis kinesis = new FakeKinesis();

    @TempDir
    Path dir;

    private ToolContext context(String stdin) {
        Map<PipelineFunction, EventContract> contracts = new java.util.TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            contracts.put(function, new DecoderContract<KeyedTestEvent>(function,
                    new JsonRecordDecoder<>(KeyedTestEvent.class), KeyedTestEvent::key,
                    List.of("key")));
        }
        AwsConnections aws = new AwsConnections() {
            @Override
            public KinesisClient kinesis() {
                return kinesis;
            }

            @Override
            public DynamoDbClient dynamoDb() {
                throw new UnsupportedOperationException();
            }

            @Override
            public software.amazon.awssdk.services.sqs.SqsClient sqs() {
                throw new UnsupportedOperationException();
            }

            @Override
            public software.amazon.awssdk.services.lambda.LambdaClient lambda() {
                throw new UnsupportedOperationException();
            }
        };
        return new ToolContext(aws, () -> contracts,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
    }

    @Test
    void theGeneratorsKnobsAreCheckedBeforeAnythingIsSent() {
        CommandRun duplicates = CommandRun.run(context(""), "produce", "--generate", "activity=10",
                "--duplicate-percent", "60", "--quiet");
        CommandRun skew = CommandRun.run(context(""), "produce", "--generate", "activity=10", "--key-skew", "-1",
                "--quiet");
        CommandRun late = CommandRun.run(context("{\"key\":\"u-1\"}\n"), "produce", "--input", "activity=-",
                "--late-percent", "5", "--quiet");

        assertThat(duplicates.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duplicates.err()).contains("--duplicate-percent must be 0..50 (got 60.0)");
        assertThat(skew.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(skew.err()).contains("--key-skew must be 0..10 (got -1.0)");
        assertThat(late.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(late.err()).contains("only go with --generate");
        assertThat(kinesis.stored).isEmpty();
    }

    @Test
    void everythingSentExitsZeroAndPrintsTheCounts() throws Exception {
        Path orders = dir.resolve("orders.jsonl");
        Files.writeString(orders, "{\"key\":\"o-1\"}\n{\"key\":\"o-2\"}\n");

        CommandRun run = CommandRun.run(context(""), "produce", "--input", "orders=" + orders, "--quiet",
                "--rejects", dir.resolve("rejects.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).isEqualTo("sent=2 retried=0 rejected=0 failed=0");
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::stream).containsOnly("local-orders");
        assertThat(dir.resolve("rejects.jsonl")).doesNotExist();
    }

    @Test
    void stdinIsReadAndEnvironmentNamesTheStream() {
        CommandRun run = CommandRun.run(context("{\"key\":\"u-1\"}\n"), "produce", "--env", "staging",
                "--input", "activity=-", "--quiet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(kinesis.stored).singleElement().extracting(FakeKinesis.Stored::stream).isEqualTo("staging-activity");
    }

    @Test
    void rejectedEventsGoToTheRejectsFileAndExitThree() throws Exception {
        Path customers = dir.resolve("customers.jsonl");
        Files.writeString(customers, "{\"key\":\"crm:1\"}\n{\"note\":\"no key\"}\n");
        Path rejects = dir.resolve("out/rejects.jsonl");

        CommandRun run = CommandRun.run(context(""), "produce", "--input", "customers=" + customers, "--quiet",
                "--rejects", rejects.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out().strip()).isEqualTo("sent=1 retried=0 rejected=1 failed=0");
        assertThat(run.err()).contains("1 rejected event(s) with reasons in " + rejects);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(rejects).get(0));
        assertThat(line.get("type").asText()).isEqualTo("customers");
        assertThat(line.get("origin").asText()).isEqualTo(customers + ":2");
        assertThat(line.get("reason").asText()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(line.get("detail").asText()).contains("key");
        assertThat(line.get("event").get("note").asText()).isEqualTo("no key");
    }

    @Test
    void unsentEventsGoToTheUnsentFileAndExitOne() throws Exception {
        for (int i = 0; i < 2; i++) {
            kinesis.thenAnswer(entries -> Collections.nCopies(entries.size(), "InternalFailure"));
        }
        Path unsent = dir.resolve("unsent.jsonl");

        CommandRun run = CommandRun.run(context("{\"key\":\"o-1\"}\n"), "produce", "--input", "orders=-",
                "--quiet", "--max-attempts", "2", "--unsent", unsent.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out().strip()).isEqualTo("sent=0 retried=1 rejected=0 failed=1");
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(unsent).get(0));
        assertThat(line.get("errorCode").asText()).isEqualTo("InternalFailure");
        assertThat(line.get("partitionKey").asText()).isEqualTo("o-1");
    }

    @Test
    void eventsKinesisRefusesForGoodAreSentOnceAndListedInWholeLines() throws Exception {
        kinesis.thenThrow(software.amazon.awssdk.services.kinesis.model.KinesisException.builder()
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("stream name is invalid").build())
                .statusCode(400).build());
        Path unsent = dir.resolve("unsent.jsonl");

        CommandRun run = CommandRun.run(context("{\"key\":\"o-1\"}\n{\"key\":\"o-2\"}\n"), "produce",
                "--input", "orders=-", "--quiet", "--linger", "60000", "--unsent", unsent.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out().strip()).isEqualTo("sent=0 retried=0 rejected=0 failed=2");
        assertThat(kinesis.putRecordsCalls).hasSize(1);
        assertThat(JsonLinesProduceReportTest.wholeLines(unsent)).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("errorCode").asText()).isEqualTo("ValidationException");
            assertThat(line.get("retryable").asBoolean()).isFalse();
            assertThat(line.get("attempts").asInt()).isEqualTo(1);
        });
    }

    @Test
    void progressLinesGoToStderrWhileItRuns() {
        // 25 records at 10 a second take over two seconds: long enough for the once-a-second line.
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            lines.append("{\"key\":\"u-").append(i).append("\"}\n");
        }
        CommandRun run = CommandRun.run(context(lines.toString()), "produce", "--input", "activity=-", "--rate", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.errLines()).isNotEmpty().allMatch(line -> line.matches("produce: \\d+s sent=\\d+ .*"));
        assertThat(run.out().strip()).isEqualTo("sent=25 retried=0 rejected=0 failed=0");
    }
}
