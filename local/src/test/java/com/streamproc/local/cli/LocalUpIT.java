package com.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.AwsClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code up} end to end: a record put on the printed Kinesis endpoint is processed by the running function into
 * the printed DynamoDB endpoint; {@code invoke} uses the running stack; SIGTERM stops everything.
 */
class LocalUpIT {

    @Test
    void aRecordPutOnTheRunningStackEndsUpInItsTable() throws Exception {
        Path stackFile = CliProcess.projectRoot().resolve(".local-stack/stack.json");
        Process up = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CliProcess.jar().toString(), "up"))
                .directory(CliProcess.projectRoot().toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            Map<String, String> exports = new HashMap<>();
            // Not closed here: up keeps printing status lines, read (and dropped) by the thread below.
            BufferedReader lines = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
            {
                String line;
                while ((line = lines.readLine()) != null && !line.equals(UpCommand.READY)) {
                    output.add(line);
                    if (line.startsWith("export ")) {
                        String[] pair = line.substring("export ".length()).split("=", 2);
                        exports.put(pair[0], pair[1]);
                    }
                }
                assertThat(line).as("up output: %s", output).isEqualTo(UpCommand.READY);
            }
            Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "drain-up-output");
            drain.setDaemon(true);
            drain.start();
            assertThat(exports).containsKeys("AWS_ENDPOINT_URL_KINESIS", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_REGION",
                    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            assertThat(stackFile).exists();
            // The sam local invoke --env-vars file points at this stack's DynamoDB, through the container's host.
            Path samEnvVars = CliProcess.projectRoot().resolve(".local-stack/env.local.json");
            assertThat(samEnvVars).exists();
            int dynamoDbPort = URI.create(exports.get("AWS_ENDPOINT_URL_DYNAMODB")).getPort();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(samEnvVars.toFile())
                    .get("OrderProcessingFunction").get("DYNAMODB_ENDPOINT_URL").asText())
                    .isEqualTo("http://host.docker.internal:" + dynamoDbPort);
            assertThat(output).anyMatch(l -> l.contains("--env-vars .local-stack/env.local.json"));
            assertThat(output).anyMatch(l -> l.contains("OrdersStream = local-orders"));

            String event = "{\"schemaVersion\":1,\"eventId\":\"evt-up-it\",\"type\":\"ORDER_PLACED\",\"orderId\":"
                    + "\"ord-up-it\",\"customerId\":\"cust-1\",\"occurredAt\":\"2026-11-27T03:00:00Z\",\"currency\":"
                    + "\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"2.50\"}],\"total\":\"2.50\"}";
            try (KinesisClient kinesis = AwsClients.kinesis(URI.create(exports.get("AWS_ENDPOINT_URL_KINESIS")));
                 DynamoDbClient dynamoDb = AwsClients.dynamoDb(URI.create(exports.get("AWS_ENDPOINT_URL_DYNAMODB")))) {
                kinesis.putRecord(b -> b.streamName("local-orders").partitionKey("ord-up-it")
                        .data(SdkBytes.fromUtf8String(event)));
                Map<String, AttributeValue> item = Map.of();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (item.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    item = dynamoDb.getItem(b -> b.tableName("local-orders").consistentRead(true)
                            .key(Map.of("orderId", AttributeValue.fromS("ord-up-it")))).item();
                }
                assertThat(item).as("order written by the running function").isNotEmpty();
                assertThat(item.get("status").s()).isEqualTo("PLACED");
            }

            Path poisonBatch = Files.createTempFile("event", ".json");
            Files.writeString(poisonBatch, com.streamproc.shared.testing.KinesisEventFixture.batch()
                    .record("ord-up-it-2", "not json").toLambdaJson());
            CliProcess.Result invoke = CliProcess.run(120, "invoke", "OrderProcessingFunction", "-e",
                    poisonBatch.toString());
            Files.delete(poisonBatch);
            assertThat(invoke.exitCode()).as(invoke.stderr()).isZero();
            assertThat(invoke.stderr()).contains("using the stack of `up`");
        } finally {
            up.destroy(); // SIGTERM, as Ctrl-C would do in a terminal
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stackFile).doesNotExist();
        assertThat(up.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
}
