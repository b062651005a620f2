package com.streamproc.local.esm;

import static com.streamproc.local.esm.TestRecords.SHARD;
import static com.streamproc.local.esm.TestRecords.SOURCE;
import static com.streamproc.local.esm.TestRecords.T0;
import static com.streamproc.local.esm.TestRecords.failureAt;
import static com.streamproc.local.esm.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.local.template.LocalTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {

    private final TestRecords.MutableClock clock = new TestRecords.MutableClock(T0.plusSeconds(1));
    private final RecordingDestination destination = new RecordingDestination();
    private final EsmCounters counters = new EsmCounters();
    private final AtomicInteger requestCounter = new AtomicInteger();

    private BatchRunner runner(EsmSettings settings, FunctionInvoker function) {
        return runner(settings, function, BatchRunner.Pause.NONE);
    }

    private BatchRunner runner(EsmSettings settings, FunctionInvoker function, BatchRunner.Pause pause) {
        return new BatchRunner(settings, SOURCE, function, destination, counters, clock, pause,
                () -> "request-" + requestCounter.incrementAndGet(), () -> false);
    }

    private static EsmSettings reporting() {
        return EsmSettings.defaults().withReportBatchItemFailures(true).withMaximumRetryAttempts(3);
    }

    @Test
    void reportedFailureReplaysFromThatRecord() throws Exception {
        List<StreamRecord> batch = records(5, 5, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.returned(failureAt(batch.get(2)))
                : InvocationOutcome.returned("{\"batchItemFailures\":[]}"));

        runner(reporting(), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2, 3, 4), List.of(2, 3, 4));
        assertThat(counters.succeeded()).isEqualTo(5);
        assertThat(destination.sent).isEmpty();
    }

    @Test
    void lowestReportedSequenceNumberIsTheCheckpoint() throws Exception {
        List<StreamRecord> batch = records(6, 6, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.returned("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                        + batch.get(4).sequenceNumber() + "\"},{\"itemIdentifier\":\""
                        + batch.get(1).sequenceNumber() + "\"}]}")
                : InvocationOutcome.returned(null));

        runner(reporting(), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(1, 2, 3, 4, 5));
    }

    @Test
    void emptyItemIdentifierFailsTheWholeBatch() throws Exception {
        assertWholeBatchRetriedFor("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}");
    }

    @Test
    void nullItemIdentifierFailsTheWholeBatch() throws Exception {
        assertWholeBatchRetriedFor("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}");
    }

    @Test
    void misspelledItemIdentifierKeyFailsTheWholeBatch() throws Exception {
        assertWholeBatchRetriedFor("{\"batchItemFailures\":[{\"itemId\":\"1\"}]}");
    }

    @Test
    void itemIdentifierNotInTheBatchFailsTheWholeBatch() throws Exception {
        assertWholeBatchRetriedFor("{\"batchItemFailures\":[{\"itemIdentifier\":\"12345\"}]}");
    }

    private void assertWholeBatchRetriedFor(String badResponse) throws Exception {
        List<StreamRecord> batch = records(4, 4, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.returned(badResponse)
                : InvocationOutcome.returned("{}"));

        runner(reporting(), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3));
        assertThat(counters.succeeded()).isEqualTo(4);
    }

    @Test
    void reportedFailuresAreIgnoredWithoutReportBatchItemFailures() throws Exception {
        List<StreamRecord> batch = records(3, 3, T0);
        ScriptedFunction function = new ScriptedFunction(b -> InvocationOutcome.returned(failureAt(batch.get(1))));

        runner(EsmSettings.defaults(), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2));
        assertThat(counters.succeeded()).isEqualTo(3);
    }

    @Test
    void bisectHalvesTheBatchOnAThrownErrorUntilThePoisonRecordIsAlone() throws Exception {
        List<StreamRecord> batch = records(8, 8, T0);
        ScriptedFunction function = new ScriptedFunction(b -> TestRecords.indexes(b.records()).contains(5)
                ? ScriptedFunction.thrown() : InvocationOutcome.returned(null));
        EsmSettings settings = EsmSettings.defaults().withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(2);

        runner(settings, function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(
                List.of(0, 1, 2, 3, 4, 5, 6, 7),
                List.of(0, 1, 2, 3),
                List.of(4, 5, 6, 7),
                List.of(4, 5),
                List.of(4),
                List.of(5), List.of(5), List.of(5),
                List.of(6, 7));
        assertThat(destination.discardedIndexes()).containsExactly(5);
        DiscardedBatch discarded = destination.sent.get(0);
        assertThat(discarded.condition()).isEqualTo(FailureCondition.RetryAttemptsExhausted);
        assertThat(discarded.approximateInvokeCount()).isEqualTo(6);
        assertThat(counters.succeeded()).isEqualTo(7);
    }

    @Test
    void withBisectAndReportedFailureOnlyTheRemainderIsRetried() throws Exception {
        List<StreamRecord> batch = records(6, 6, T0);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(b -> calls.incrementAndGet() == 1
                ? InvocationOutcome.returned(failureAt(batch.get(3)))
                : InvocationOutcome.returned(null));
        EsmSettings settings = reporting().withBisectBatchOnFunctionError(true);

        runner(settings, function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(3, 4, 5));
    }

    @Test
    void retriesStopAfterMaximumRetryAttemptsAndTheBatchGoesToTheDestination() throws Exception {
        List<StreamRecord> batch = records(3, 3, T0);
        ScriptedFunction function = new ScriptedFunction(b -> ScriptedFunction.thrown());
        List<Duration> pauses = new ArrayList<>();

        runner(EsmSettings.defaults().withMaximumRetryAttempts(2), function, pauses::add).run(SHARD, batch);

        assertThat(function.invocations).hasSize(3);
        assertThat(pauses).hasSize(2);
        assertThat(destination.sent).hasSize(1);
        JsonNode json = destination.sent.get(0).toJson();
        assertThat(json.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(json.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(json.at("/requestContext/requestId").asText()).isEqualTo(function.requestIds.get(2));
        assertThat(json.at("/requestContext/functionArn").asText()).isEqualTo(SOURCE.functionArn());
        assertThat(json.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(json.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(json.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(json.at("/version").asText()).isEqualTo("1.0");
        assertThat(json.at("/timestamp").asText()).isEqualTo(clock.instant().toString());
        assertThat(json.at("/KinesisBatchInfo/shardId").asText()).isEqualTo(SHARD);
        assertThat(json.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(batch.get(0).sequenceNumber());
        assertThat(json.at("/KinesisBatchInfo/endSequenceNumber").asText()).isEqualTo(batch.get(2).sequenceNumber());
        assertThat(json.at("/KinesisBatchInfo/approximateArrivalOfFirstRecord").asText()).isEqualTo(T0.toString());
        assertThat(json.at("/KinesisBatchInfo/approximateArrivalOfLastRecord").asText()).isEqualTo(T0.toString());
        assertThat(json.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(3);
        assertThat(json.at("/KinesisBatchInfo/streamArn").asText()).isEqualTo(SOURCE.streamArn());
        assertThat(counters.discarded()).isEqualTo(3);
        assertThat(counters.succeeded()).isZero();
    }

    @Test
    void theActivityMappingRetriesATransientFailureWithBackoffUntilItSucceedsAndDiscardsNothing() throws Exception {
        EsmSettings activity = LocalTemplate.read(Path.of("..", "sam-template.yaml"))
                .function("ActivityTrackingFunction").kinesisSources().get(0).settings();
        List<StreamRecord> batch = records(4, 4, clock.instant());
        AtomicInteger failing = new AtomicInteger(60);
        // A transient failure as the handler reports it: the first record, whole batch unfinished.
        ScriptedFunction function = new ScriptedFunction(b -> failing.getAndDecrement() > 0
                ? InvocationOutcome.returned(failureAt(b.records().get(0)))
                : InvocationOutcome.returned("{\"batchItemFailures\":[]}"));
        List<Duration> pauses = new ArrayList<>();
        // Each pause also lets an hour pass: 60 h of retrying, far past any finite record age of the template.
        BatchRunner.Pause pause = duration -> {
            pauses.add(duration);
            clock.advance(Duration.ofHours(1));
        };

        runner(activity, function, pause).run(SHARD, batch);

        assertThat(activity.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(activity.maximumRecordAge()).isNull();
        assertThat(function.invocations).hasSize(61);
        assertThat(destination.sent).isEmpty();
        assertThat(counters.succeeded()).isEqualTo(4);
        assertThat(counters.discarded()).isZero();
        // Backoff, not a hot loop: the pauses grow from the first and stay at the cap.
        assertThat(pauses).hasSize(60);
        assertThat(pauses.get(0)).isLessThan(pauses.get(59));
        assertThat(pauses.subList(10, 60)).allSatisfy(p -> assertThat(p).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void zeroRetriesDiscardsAfterTheFirstFailure() throws Exception {
        ScriptedFunction function = new ScriptedFunction(b -> ScriptedFunction.thrown());

        runner(EsmSettings.defaults().withMaximumRetryAttempts(0), function).run(SHARD, records(2, 2, T0));

        assertThat(function.invocations).hasSize(1);
        assertThat(destination.discardedIndexes()).containsExactly(0, 1);
    }

    @Test
    void reportedRecordsThatKeepFailingGoToTheDestinationOnceRetriesAreExhausted() throws Exception {
        List<StreamRecord> batch = records(5, 5, T0);
        ScriptedFunction function = new ScriptedFunction(b -> InvocationOutcome.returned(failureAt(batch.get(3))));

        runner(reporting().withMaximumRetryAttempts(1), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(0, 1, 2, 3, 4), List.of(3, 4));
        assertThat(destination.discardedIndexes()).containsExactly(3, 4);
        assertThat(destination.sent.get(0).toJson().at("/responseContext/functionError").isMissingNode()).isTrue();
        assertThat(counters.succeeded()).isEqualTo(3);
    }

    @Test
    void recordsOlderThanTheMaximumAgeGoToTheDestinationWithoutBeingSent() throws Exception {
        List<StreamRecord> batch = new ArrayList<>(records(2, 2, T0));
        batch.add(TestRecords.record(2, "k2", T0.plusSeconds(100)));
        clock.advance(Duration.ofSeconds(120));
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        runner(EsmSettings.defaults().withMaximumRecordAge(Duration.ofSeconds(60)), function).run(SHARD, batch);

        assertThat(function.invokedIndexes()).containsExactly(List.of(2));
        assertThat(destination.discardedIndexes()).containsExactly(0, 1);
        DiscardedBatch discarded = destination.sent.get(0);
        assertThat(discarded.condition()).isEqualTo(FailureCondition.RecordAgeExceeded);
        assertThat(discarded.approximateInvokeCount()).isZero();
    }

    @Test
    void recordsThatAgeOutWhileBeingRetriedGoToTheDestination() throws Exception {
        List<StreamRecord> batch = records(2, 2, clock.instant());
        ScriptedFunction function = new ScriptedFunction(b -> ScriptedFunction.thrown());
        BatchRunner.Pause pauseAdvancesClock = duration -> clock.advance(Duration.ofSeconds(40));
        EsmSettings settings = EsmSettings.defaults().withMaximumRecordAge(Duration.ofSeconds(60));

        runner(settings, function, pauseAdvancesClock).run(SHARD, batch);

        assertThat(function.invocations).hasSize(2);
        assertThat(destination.sent).hasSize(1);
        assertThat(destination.sent.get(0).condition()).isEqualTo(FailureCondition.RecordAgeExceeded);
        assertThat(destination.sent.get(0).approximateInvokeCount()).isEqualTo(2);
        assertThat(destination.sent.get(0).toJson().at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    }

    @Test
    void theFunctionGetsTheBatchInLambdasJsonForm() throws Exception {
        List<StreamRecord> batch = records(2, 2, T0.plusMillis(987));
        ScriptedFunction function = ScriptedFunction.alwaysSucceeds();

        runner(EsmSettings.defaults(), function).run(SHARD, batch);

        String json = new String(function.invocations.get(0).toLambdaJson(), StandardCharsets.UTF_8);
        KinesisEvent event = KinesisEventFixture.fromLambdaJson(json);
        assertThat(event.getRecords()).hasSize(2);
        KinesisEvent.KinesisEventRecord first = event.getRecords().get(0);
        assertThat(first.getEventID()).isEqualTo(SHARD + ":" + batch.get(0).sequenceNumber());
        assertThat(first.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(first.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(first.getEventSourceARN()).isEqualTo(SOURCE.streamArn());
        assertThat(first.getKinesis().getPartitionKey()).isEqualTo("k0");
        assertThat(first.getKinesis().getSequenceNumber()).isEqualTo(batch.get(0).sequenceNumber());
        assertThat(StandardCharsets.UTF_8.decode(first.getKinesis().getData()).toString())
                .isEqualTo(new String(batch.get(0).data(), StandardCharsets.UTF_8));
        assertThat(first.getKinesis().getApproximateArrivalTimestamp().toInstant()).isEqualTo(T0.plusMillis(987));
        assertThat(json).contains("\"approximateArrivalTimestamp\":" + T0.getEpochSecond() + ".987");
    }
}
