package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.EndpointConnections;
import com.streamproc.tools.produce.OutboundRecord;
import com.streamproc.tools.produce.PutRecordsSender;
import com.streamproc.tools.produce.SendResult;
import com.streamproc.tools.produce.UnsentRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** What the producer gives up on, and how it leaves its report files, against the Kinesis emulator. */
@ExtendWith(EmulatorStackExtension.class)
class ProduceFailureModelIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts the SDK's executions of PutRecords (one per call of the client, whatever happens inside). */
    private static final class CountPutRecords implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request().getClass().getSimpleName().equals("PutRecordsRequest")) {
                calls.incrementAndGet();
            }
        }
    }

    @Test
    void requestTheSdkCannotWriteIsTriedOnceAndItsRecordsReportedNotRetryable(EmulatorStack stack) {
        String env = "marshallit";
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env));
        CountPutRecords counter = new CountPutRecords();
        List<OutboundRecord> records = List.of(
                new OutboundRecord(TestFunctions.ORDER_PROCESSING, "o-1", "{}".getBytes(StandardCharsets.UTF_8),
                        "it:1", true),
                new OutboundRecord(TestFunctions.ORDER_PROCESSING, "o-\uD800", "{}".getBytes(StandardCharsets.UTF_8),
                        "it:2", true));

        SendResult result;
        try (KinesisClient kinesis = new EndpointConnections(stack.kinesisEndpoint(), stack.dynamoDbEndpoint(), counter)
                .kinesis()) {
            result = new PutRecordsSender(kinesis, new RetryPolicy(5, Duration.ZERO, Duration.ZERO))
                    .send(env + "-orders", records);
        }

        assertThat(counter.calls).hasValue(1);
        assertThat(result.sent()).isZero();
        assertThat(result.unsent()).extracting(UnsentRecord::retryable).containsExactly(false, false);
        assertThat(result.unsent().get(0).message()).startsWith("Unable to marshall").contains("surrogate");
    }

    @Test
    void ctrlCLeavesTheReportFilesInWholeLinesAndSaysHowFarItGot(EmulatorStack stack, @TempDir Path dir)
            throws Exception {
        String env = "interruptit";
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env));
        Path rejects = dir.resolve("rejects.jsonl");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.streamproc.tools.StreamprocTools",
                "produce", "--env", env, "--input", "orders=-", "--quiet", "--rejects", rejects.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().putAll(stack.awsEnvironment());
        Process produce = builder.start();
        try {
            // An invalid event far larger than any write buffer; stdin stays open, so the producer waits for more.
            OutputStream stdin = produce.getOutputStream();
            stdin.write(("{\"schemaVersion\": 1, \"note\": \"" + "x".repeat(300_000) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            awaitLine(rejects, produce);

            // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks. Through the handle: Process.destroy would also
            // close our end of its stdin, and the producer would end normally at the end of its input.
            produce.toHandle().destroy();
            assertThat(produce.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            produce.destroyForcibly();
        }

        String output = Files.readString(dir.resolve("output.txt"));
        assertThat(output.lines()).as("producer exit %s, output: %s", produce.exitValue(), output).anyMatch(line -> line.matches(
                "produce: interrupted: sent=0 retried=0 rejected=1 failed=0; rejected in .*rejects\\.jsonl"));
        String text = Files.readString(rejects);
        assertThat(text).endsWith("\n");
        assertThat(text.lines()).singleElement().satisfies(line ->
                assertThat(JSON.readTree(line).get("event").get("note").asText()).hasSize(300_000));
    }

    /** Waits until {@code file} holds a line (or the process died). */
    private static void awaitLine(Path file, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains("\n")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line in " + file + " (producer alive: " + process.isAlive() + ")");
    }
}
