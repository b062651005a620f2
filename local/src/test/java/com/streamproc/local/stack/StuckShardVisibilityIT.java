package com.streamproc.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.local.esm.BatchRunner;
import com.streamproc.local.esm.EsmCounters;
import com.streamproc.local.esm.EsmListener;
import com.streamproc.local.esm.EsmSettings;
import com.streamproc.local.esm.EventSourceMapping;
import com.streamproc.local.esm.FailureCauses;
import com.streamproc.local.esm.FailureDestination;
import com.streamproc.local.esm.MappingStatus;
import com.streamproc.local.esm.RetryLog;
import com.streamproc.local.esm.SourceIdentity;
import com.streamproc.local.runtime.ExecutionEnvironment;
import com.streamproc.local.runtime.FunctionDefinition;
import com.streamproc.local.runtime.TestFunctions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A function that reports a record as failed, run in its own JVM and fed from the Kinesis emulator: each retry is
 * logged with the cause the function wrote, and the counters and status line show the stuck shard.
 */
@ExtendWith(EmulatorStackExtension.class)
class StuckShardVisibilityIT {
    private static final String CAUSE = "ProvisionedThroughputExceededException on PutItem local-orders";

    @TempDir
    Path dir;

    @Test
    void reportedFailureIsRetriedLoggedAndCountedWithTheCauseTheFunctionLogged(EmulatorStack stack) throws Exception {
        String stream = "stuck-it";
        FunctionDefinition function = new FunctionDefinition("ReportingFunction", "local-reporting",
                "com.streamproc.local.runtime.testfunctions.ReportingHandler::handleRequest", TestFunctions.zip(dir),
                256, Duration.ofSeconds(30), Map.of("FAIL_TIMES", "2", "TABLE", "local-orders"), null, null);
        FailureCauses causes = new FailureCauses(".local-stack/logs/ReportingFunction.log");
        EsmCounters counters = new EsmCounters();
        List<String> mappingLog = Collections.synchronizedList(new ArrayList<>());
        List<String> statusWhileRetrying = Collections.synchronizedList(new ArrayList<>());
        BatchRunner.Pause recordStatus = duration ->
                statusWhileRetrying.add(MappingStatus.describe("ReportingFunction", counters, causes));
        String sequenceNumber;
        try (KinesisClient kinesis = stack.kinesisClient()) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
            sequenceNumber = kinesis.putRecord(b -> b.streamName(stream).partitionKey("o-1")
                    .data(SdkBytes.fromUtf8String("{}"))).sequenceNumber();

            try (PrintStream functionLog = new PrintStream(new LineTap(
                    Files.newOutputStream(dir.resolve("ReportingFunction.log")), causes::line), true,
                    StandardCharsets.UTF_8);
                 FunctionPool pool = new FunctionPool(function, new ExecutionEnvironment.Settings(dir.resolve("state"),
                         stack.awsEnvironment(), stack.region(), "000000000000", Duration.ofSeconds(60), functionLog),
                         1);
                 EventSourceMapping mapping = new EventSourceMapping("ReportingFunction.Stream",
                         EsmSettings.defaults().withReportBatchItemFailures(true).withMaximumRetryAttempts(5),
                         new SourceIdentity("arn:aws:kinesis:" + stack.region() + ":000000000000:stream/" + stream,
                                 stack.region(), "arn:aws:iam::000000000000:role/local-reporting-role",
                                 function.functionArn(stack.region(), "000000000000")),
                         new KinesisShards(kinesis, stream), pool, FailureDestination.NONE,
                         EsmListener.all(counters, causes, new RetryLog("ReportingFunction", stream, causes,
                                 mappingLog::add)),
                         Clock.systemUTC(), mappingLog::add, recordStatus)) {
                mapping.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (counters.succeeded() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
        }

        assertThat(counters.succeeded()).as("mapping log: %s", mappingLog).isEqualTo(1);
        assertThat(mappingLog).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(mappingLog.get(i)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z retry .*").endsWith(
                    " retry function=ReportingFunction stream=stuck-it shard=shardId-000000000000 from="
                            + sequenceNumber + " records=1 attempt=" + (i + 2) + " reported=" + sequenceNumber
                            + " cause=\"" + CAUSE + "\"");
        }
        assertThat(statusWhileRetrying).hasSize(2);
        assertThat(statusWhileRetrying.get(1)).isEqualTo("ReportingFunction: read 1, done 0, failed 0, invocations 2,"
                + " retrying (1 in a row; 1 batch/1 record retried so far; last cause: " + CAUSE + ")");
        assertThat(MappingStatus.describe("ReportingFunction", counters, causes)).isEqualTo(
                "ReportingFunction: read 1, done 1, failed 0, invocations 3, retried 2 batches/2 records"
                        + " (last cause: " + CAUSE + ")");
        assertThat(counters.consecutiveRetries()).isZero();
    }
}
