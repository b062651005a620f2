package com.streamproc.local.esm;

import static com.streamproc.local.esm.TestRecords.SHARD;
import static com.streamproc.local.esm.TestRecords.SOURCE;
import static com.streamproc.local.esm.TestRecords.T0;
import static com.streamproc.local.esm.TestRecords.failureAt;
import static com.streamproc.local.esm.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the mapping tells about retries: the callbacks, the counters, the retry log and the status line. */
class RetryReportingTest {
    private final TestRecords.MutableClock clock = new TestRecords.MutableClock(T0.plusSeconds(1));
    private final EsmCounters counters = new EsmCounters();
    private final FailureCauses causes = new FailureCauses(".local-stack/logs/TestFunction.log");
    private final List<BatchRetry> retries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> ended = new ArrayList<>();
    private final List<String> retryLog = new ArrayList<>();
    private final List<String> statusAtPauses = new ArrayList<>();

    private final EsmListener recorder = new EsmListener() {
        @Override
        public void retrying(BatchRetry retry) {
            retries.add(retry);
        }

        @Override
        public void retriesEnded(String shardId, String batchStart) {
            ended.add(shardId + " " + batchStart);
        }
    };

    private BatchRunner runner(EsmSettings settings, FunctionInvoker function) {
        AtomicInteger ids = new AtomicInteger();
        EsmListener listener = EsmListener.all(counters, causes, recorder,
                new RetryLog("TestFunction", "local-test", causes, retryLog::add));
        return new BatchRunner(settings, SOURCE, function, new RecordingDestination(), listener, clock,
                duration -> statusAtPauses.add(MappingStatus.describe("TestFunction", counters, causes)),
                () -> "request-" + ids.incrementAndGet(), () -> false);
    }

    private static EsmSettings reporting() {
        return EsmSettings.defaults().withReportBatchItemFailures(true).withMaximumRetryAttempts(10);
    }

    /** The function's "batch processed" line for a batch whose record {@code reported} failed. */
    private static String failedLine(StreamRecord reported, String exception) {
        return "{\"level\":\"WARN\",\"message\":\"batch processed\",\"shardId\":\"" + reported.shardId()
                + "\",\"failed\":1,\"reportedSequenceNumber\":\"" + reported.sequenceNumber() + "\""
                + (exception == null ? "" : ",\"failureCause\":{\"exception\":\"" + exception
                + "\",\"errorCode\":\"" + exception + "\",\"operation\":\"PutItem\",\"table\":\"local-orders\"}")
                + "}";
    }

    @Test
    void eachRedeliveryAfterAReportedFailureIsAnnouncedWithWhereTheShardIsStuck() throws Exception {
        List<StreamRecord> batch = records(4, 4, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> {
            if (calls.incrementAndGet() <= 3) {
                // As a function does: its line first, then the answer.
                causes.line(failedLine(batch.get(2), "ProvisionedThroughputExceededException"));
                return InvocationOutcome.returned(failureAt(batch.get(2)));
            }
            return InvocationOutcome.returned(null);
        });

        runner(reporting(), function).run(SHARD, batch);

        assertThat(retries).extracting(BatchRetry::attempt).containsExactly(2, 3, 4);
        assertThat(retries).allSatisfy(r -> {
            assertThat(r.fromSequenceNumber()).isEqualTo(batch.get(2).sequenceNumber());
            assertThat(r.reportedSequenceNumber()).isEqualTo(batch.get(2).sequenceNumber());
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.batchStart()).isEqualTo(batch.get(0).sequenceNumber());
            assertThat(r.error()).isNull();
        });
        assertThat(retries).extracting(BatchRetry::previousRequestId).containsExactly("request-1", "request-2",
                "request-3");
        assertThat(ended).containsExactly(SHARD + " " + batch.get(0).sequenceNumber());
        assertThat(counters.retriedBatches()).isEqualTo(3);
        assertThat(counters.recordsInRetriedBatches()).isEqualTo(6);
        assertThat(counters.consecutiveRetries()).isZero();
        assertThat(counters.discarded()).isZero();
    }

    @Test
    void statusLineShowsTheRetriesInARowAndTheLastCauseWhileTheShardIsStuck() throws Exception {
        List<StreamRecord> batch = records(2, 2, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> {
            if (calls.incrementAndGet() <= 3) {
                causes.line(failedLine(batch.get(0), "ProvisionedThroughputExceededException"));
                return InvocationOutcome.returned(failureAt(batch.get(0)));
            }
            return InvocationOutcome.returned(null);
        });

        runner(reporting(), function).run(SHARD, batch);

        // The pause before the third delivery: the second one (a retry) has just failed.
        assertThat(statusAtPauses.get(1)).isEqualTo("TestFunction: read 0, done 0, failed 0, invocations 2, "
                + "retrying (1 in a row; 1 batch/2 records retried so far; "
                + "last cause: ProvisionedThroughputExceededException on PutItem local-orders)");
        assertThat(MappingStatus.describe("TestFunction", counters, causes)).isEqualTo(
                "TestFunction: read 0, done 2, failed 0, invocations 4, retried 3 batches/6 records "
                        + "(last cause: ProvisionedThroughputExceededException on PutItem local-orders)");
    }

    @Test
    void retryLogLineNamesFunctionShardPositionAttemptReportedRecordAndCause() throws Exception {
        List<StreamRecord> batch = records(3, 3, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> {
            if (calls.incrementAndGet() == 1) {
                causes.line(failedLine(batch.get(1), "ProvisionedThroughputExceededException"));
                return InvocationOutcome.returned(failureAt(batch.get(1)));
            }
            return InvocationOutcome.returned(null);
        });

        runner(reporting(), function).run(SHARD, batch);

        String seq = batch.get(1).sequenceNumber();
        assertThat(retryLog).containsExactly(clock.instant() + " retry function=TestFunction stream=local-test shard="
                + SHARD + " from=" + seq + " records=2 attempt=2 reported=" + seq
                + " cause=\"ProvisionedThroughputExceededException on PutItem local-orders\"");
    }

    @Test
    void withoutACauseInTheFunctionsLineTheLogAndStatusPointToTheFunctionsLog() throws Exception {
        List<StreamRecord> batch = records(1, 1, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> {
            if (calls.incrementAndGet() == 1) {
                causes.line(failedLine(batch.get(0), null));
                return InvocationOutcome.returned(failureAt(batch.get(0)));
            }
            return InvocationOutcome.returned(null);
        });

        runner(reporting(), function).run(SHARD, batch);

        assertThat(retryLog).singleElement().asString()
                .endsWith(" cause=\"cause unknown (see .local-stack/logs/TestFunction.log)\"");
        assertThat(MappingStatus.describe("TestFunction", counters, causes))
                .endsWith(", retried 1 batch/1 record (cause unknown (see .local-stack/logs/TestFunction.log))");
    }

    @Test
    void aFunctionErrorIsRetriedUnderTheErrorTypeLambdaReports() throws Exception {
        List<StreamRecord> batch = records(1, 1, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.error("Sandbox.Timedout", "Task timed out after 30.00 seconds")
                : InvocationOutcome.returned(null));

        runner(reporting(), function).run(SHARD, batch);

        assertThat(retries).singleElement().satisfies(r -> {
            assertThat(r.error()).isEqualTo("Sandbox.Timedout");
            assertThat(r.reportedSequenceNumber()).isNull();
        });
        assertThat(retryLog).singleElement().asString().endsWith(" attempt=2 error=Sandbox.Timedout");
        assertThat(causes.latest()).contains("function error Sandbox.Timedout");
    }

    @Test
    void bisectedHalvesOfAFailedBatchCountAsRetries() throws Exception {
        List<StreamRecord> batch = records(4, 4, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.error("java.lang.IllegalStateException", "boom")
                : InvocationOutcome.returned(null));

        runner(EsmSettings.defaults().withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(0), function)
                .run(SHARD, batch);

        assertThat(retries).extracting(BatchRetry::fromSequenceNumber, BatchRetry::records, BatchRetry::retriesUsed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(batch.get(0).sequenceNumber(), 2, 0),
                        org.assertj.core.groups.Tuple.tuple(batch.get(2).sequenceNumber(), 2, 0));
        assertThat(counters.recordsInRetriedBatches()).isEqualTo(4);
        assertThat(counters.succeeded()).isEqualTo(4);
    }

    @Test
    void aBatchThatSucceedsAtOnceIsNoRetry() throws Exception {
        runner(reporting(), ScriptedFunction.alwaysSucceeds()).run(SHARD, records(3, 3, T0));

        assertThat(retries).isEmpty();
        assertThat(ended).isEmpty();
        assertThat(retryLog).isEmpty();
        assertThat(MappingStatus.describe("TestFunction", counters, causes))
                .isEqualTo("TestFunction: read 0, done 3, failed 0, invocations 1");
    }
}
