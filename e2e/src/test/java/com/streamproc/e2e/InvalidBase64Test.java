package com.streamproc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.e2e.harness.LambdaJson;
import com.streamproc.e2e.harness.RecordingDestination;
import com.streamproc.local.esm.BatchRunner;
import com.streamproc.local.esm.EsmListener;
import com.streamproc.local.esm.EsmSettings;
import com.streamproc.local.esm.FailureCondition;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import com.streamproc.local.esm.SourceIdentity;
import com.streamproc.local.esm.StreamRecord;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Record data that is not base64 cannot reach a handler: Kinesis stores bytes, and Lambda base64-encodes them into
 * the invocation JSON itself, which the Java runtime decodes before the handler runs. What a corrupted document would
 * do is shown here with the runtime's own serializer: it fails the whole invocation before any handler code, so the
 * event source mapping sees a function error. Bytes that are not valid UTF-8 are the realistic equivalent, and the
 * bad-input catalogue covers them (INVALID_UTF8).
 */
class InvalidBase64Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceIdentity SOURCE = new SourceIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/s",
            "us-east-1", "arn:aws:iam::000000000000:role/r", "arn:aws:lambda:us-east-1:000000000000:function:f");

    @Test
    void theRuntimeSerializerRejectsABatchWithInvalidBase64BeforeTheHandlerRuns() throws Exception {
        byte[] lambdaJson = withData(batch(record("1", "{}")), 0, "!!not base64$$");

        assertThatThrownBy(() -> LambdaJson.event(lambdaJson))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void theRuntimeSerializerRejectsUnpaddedBase64() throws Exception {
        byte[] lambdaJson = withData(batch(record("1", "{}")), 0, "eyJhIjoxfQ");

        assertThatThrownBy(() -> LambdaJson.event(lambdaJson)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void bytesThatAreNotUtf8ReachTheHandlerExactlyAsKinesisStoredThem() {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '}'};
        KinesisBatch batch = new KinesisBatch("shardId-000000000000",
                List.of(new StreamRecord("shardId-000000000000", "1", "k", notUtf8, Instant.now())), SOURCE);

        KinesisEvent event = LambdaJson.event(batch.toLambdaJson());

        ByteBuffer data = event.getRecords().get(0).getKinesis().getData();
        byte[] received = new byte[data.remaining()];
        data.get(received);
        assertThat(received).containsExactly(notUtf8);
    }

    @Test
    void aBatchTheRuntimeCannotReadIsBisectedUntilTheUnreadableRecordAloneEndsInTheFailureDestination()
            throws Exception {
        // Three retries here; the template's 1,000 would hold the shard for that many attempts (or 6 h of record age).
        EsmSettings settings = EsmSettings.defaults().withReportBatchItemFailures(true)
                .withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(3);
        RecordingDestination destination = new RecordingDestination();
        List<String> handled = new ArrayList<>();
        BatchRunner runner = new BatchRunner(settings, SOURCE, (requestId, batch) -> {
            byte[] lambdaJson = batch.toLambdaJson();
            int corrupt = indexOf(batch, "2");
            try {
                KinesisEvent event = LambdaJson.event(corrupt < 0 ? lambdaJson : withData(lambdaJson, corrupt, "%%%"));
                event.getRecords().forEach(r -> handled.add(r.getKinesis().getSequenceNumber()));
                return InvocationOutcome.returned("{\"batchItemFailures\":[]}");
            } catch (UncheckedIOException | java.io.IOException unreadable) {
                return InvocationOutcome.error("Runtime.UnmarshalException", "cannot read the event");
            }
        }, destination, EsmListener.NONE, Clock.systemUTC(), BatchRunner.Pause.NONE,
                () -> UUID.randomUUID().toString(), () -> false);

        runner.run("shardId-000000000000", List.of(record("1", "{}"), record("2", "{}"), record("3", "{}"),
                record("4", "{}")));

        assertThat(handled).containsExactlyInAnyOrder("1", "3", "4");
        assertThat(destination.received()).singleElement().satisfies(discarded -> {
            assertThat(discarded.condition()).isEqualTo(FailureCondition.RetryAttemptsExhausted);
            assertThat(discarded.records()).extracting(StreamRecord::sequenceNumber).containsExactly("2");
        });
    }

    private static int indexOf(KinesisBatch batch, String sequenceNumber) {
        for (int i = 0; i < batch.records().size(); i++) {
            if (batch.records().get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static StreamRecord record(String sequenceNumber, String json) {
        return new StreamRecord("shardId-000000000000", sequenceNumber, "k" + sequenceNumber,
                json.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static byte[] batch(StreamRecord... records) {
        return new KinesisBatch("shardId-000000000000", List.of(records), SOURCE).toLambdaJson();
    }

    /** The Lambda document with record {@code index}'s data replaced by {@code text} (as if Lambda had sent it). */
    private static byte[] withData(byte[] lambdaJson, int index, String text) throws java.io.IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(lambdaJson);
        ((ObjectNode) root.get("Records").get(index).get("kinesis")).put("data", text);
        return JSON.writeValueAsBytes(root);
    }
}
