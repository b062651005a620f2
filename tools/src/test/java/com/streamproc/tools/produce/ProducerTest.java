package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.aws.RealSdkFailures;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProducerTest {
    private final FakeKinesis kinesis = new FakeKinesis();
    private final RecordingReport report = new RecordingReport();
    private final ProduceStats stats = new ProduceStats();

    private Producer producer(boolean allowInvalid, boolean keepKeyOrder) {
        Map<PipelineFunction, EventContract> contracts = new java.util.TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            contracts.put(function, new DecoderContract<KeyedTestEvent>(function,
                    new JsonRecordDecoder<>(KeyedTestEvent.class), KeyedTestEvent::key,
                    List.of("key")));
        }
        PutRecordsSender sender = new PutRecordsSender(kinesis,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)), d -> { }, new SplittableRandom(1));
        return new Producer(contracts, f -> "local-" + f.eventType(), sender, RequestBatcher.standard(keepKeyOrder),
                null, report, stats, allowInvalid, Duration.ofSeconds(30), System::nanoTime);
    }

    private static InputEvent event(PipelineFunction function, String json) {
        return new InputEvent(function, json.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void validEventsGoToTheirFunctionsStreamUnderTheContractsKey() throws Exception {
        ProduceStats.Snapshot result = producer(false, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-1\"}"),
                event(TestFunctions.ACTIVITY_TRACKING, "{\"key\":\"u-1\"}"),
                event(TestFunctions.DATA_CLEANSING, "{\"key\":\"crm:7\"}")).iterator());

        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::stream, FakeKinesis.Stored::partitionKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("local-orders", "o-1"),
                        org.assertj.core.groups.Tuple.tuple("local-activity", "u-1"),
                        org.assertj.core.groups.Tuple.tuple("local-customers", "crm:7"));
        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.rejected()).isZero();
        assertThat(result.failed()).isZero();
    }

    @Test
    void invalidEventIsRejectedWithItsReasonAndNotSent() throws Exception {
        ProduceStats.Snapshot result = producer(false, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"note\":\"no key\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{not json"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-2\"}")).iterator());

        assertThat(report.rejected).extracting(RecordingReport.Rejection::reason)
                .containsExactly("SCHEMA_VIOLATION", "MALFORMED_JSON");
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::partitionKey).containsExactly("o-2");
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.sent()).isEqualTo(1);
    }

    @Test
    void allowedInvalidEventIsSentUnderTheKeyItStillHasOrAKeyFromItsBytes() throws Exception {
        ProduceStats.Snapshot result = producer(true, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"\",\"note\":\"blank key\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-9\",\"note\":[1,2]}"),
                event(TestFunctions.ORDER_PROCESSING, "garbage")).iterator());

        assertThat(report.rejected).isEmpty();
        assertThat(kinesis.stored).hasSize(3);
        assertThat(kinesis.stored.get(1).partitionKey()).isEqualTo("o-9");
        assertThat(kinesis.stored.get(2).partitionKey()).startsWith("invalid-");
        assertThat(result.sentInvalid()).isEqualTo(3);
    }

    @Test
    void recordLargerThanKinesisAcceptsIsRejectedEvenWhenInvalidIsAllowed() throws Exception {
        String big = "{\"key\":\"o-1\",\"note\":\"" + "x".repeat(KinesisLimits.MAX_RECORD_BYTES) + "\"}";

        ProduceStats.Snapshot result = producer(true, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, big)).iterator());

        assertThat(report.rejected).extracting(RecordingReport.Rejection::reason).containsExactly("RECORD_TOO_LARGE");
        assertThat(kinesis.putRecordsCalls).isEmpty();
        assertThat(result.rejected()).isEqualTo(1);
    }

    @Test
    void retriedRecordStillReachesTheStreamBeforeTheNextRecordOfItsKey() throws Exception {
        // The first request fails its first entry (a1) once.
        kinesis.thenAnswer(entries -> PutRecordsSenderTest.codes(entries.size(), 0,
                "ProvisionedThroughputExceededException"));

        producer(false, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\",\"note\":\"a1\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"b\",\"note\":\"b1\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\",\"note\":\"a2\"}")).iterator());

        List<String> ofKeyA = kinesis.stored.stream().filter(s -> s.partitionKey().equals("a"))
                .map(FakeKinesis.Stored::data).toList();
        assertThat(ofKeyA).hasSize(2);
        assertThat(ofKeyA.get(0)).contains("a1");
        assertThat(ofKeyA.get(1)).contains("a2");
        assertThat(stats.snapshot().retried()).isEqualTo(1);
    }

    @Test
    void withoutKeyOrderTheSameFailureReordersTheKey() throws Exception {
        // The contrast to the test above: it is the batching that keeps the order, not luck.
        kinesis.thenAnswer(entries -> PutRecordsSenderTest.codes(entries.size(), 0,
                "ProvisionedThroughputExceededException"));

        producer(false, false).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\",\"note\":\"a1\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\",\"note\":\"a2\"}")).iterator());

        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::data)
                .containsExactly("{\"key\":\"a\",\"note\":\"a2\"}", "{\"key\":\"a\",\"note\":\"a1\"}");
    }

    @Test
    void recordsKinesisNeverTakesAreCountedAndReported() throws Exception {
        for (int i = 0; i < 3; i++) {
            kinesis.thenAnswer(entries -> Collections.nCopies(entries.size(), "InternalFailure"));
        }

        ProduceStats.Snapshot result = producer(false, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\"}")).iterator());

        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.sent()).isZero();
        assertThat(report.unsent).extracting(UnsentRecord::errorCode).containsExactly("InternalFailure");
    }

    @Test
    void aThousandRecordsGoOutInTwoFullRequests() throws Exception {
        List<InputEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(event(TestFunctions.ACTIVITY_TRACKING, "{\"key\":\"u-" + i + "\"}"));
        }

        ProduceStats.Snapshot result = producer(false, true).run(events.iterator());

        assertThat(result.sent()).isEqualTo(1000);
        assertThat(kinesis.putRecordsCalls).extracting(r -> r.records().size()).containsExactly(500, 500);
    }

    @Test
    void partitionKeyWithAnUnpairedSurrogateIsRejectedBeforeItCanSinkARequest() throws Exception {
        ProduceStats.Snapshot result = producer(true, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-\\ud800\"}"),
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-\\ud83d\\ude00\"}")).iterator());

        assertThat(report.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Producer.PARTITION_KEY_MALFORMED);
            assertThat(r.detail()).contains("index 2");
        });
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::partitionKey).containsExactly("o-\uD83D\uDE00");
        assertThat(result.sent()).isEqualTo(1);
    }

    @Test
    void recordsOfARequestKinesisRefusesForGoodAreSentOnceAndReported() throws Exception {
        kinesis.thenThrow(RealSdkFailures.marshalling());

        ProduceStats.Snapshot result = producer(false, true).run(List.of(
                event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"a\"}")).iterator());

        assertThat(kinesis.putRecordsCalls).hasSize(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.retried()).isZero();
        assertThat(report.unsent).singleElement().satisfies(u -> {
            assertThat(u.retryable()).isFalse();
            assertThat(u.message()).startsWith("Unable to marshall");
        });
    }

    @Test
    void recordsReadBeforeTheInputBrokeAreStillSent() {
        Iterator<InputEvent> breaksAfterOne = new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public InputEvent next() {
                if (served++ == 0) {
                    return event(TestFunctions.ORDER_PROCESSING, "{\"key\":\"o-1\"}");
                }
                throw new UncheckedIOException("cannot read orders.jsonl at line 2", new java.io.IOException("gone"));
            }
        };

        assertThatThrownBy(() -> producer(false, true).run(breaksAfterOne))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("line 2");
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::partitionKey).containsExactly("o-1");
    }

    @Test
    void failureWhileReadingInputEndsTheRun() {
        Iterator<InputEvent> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public InputEvent next() {
                throw new UncheckedIOException("cannot read orders.jsonl at line 3", new java.io.IOException("gone"));
            }
        };

        assertThatThrownBy(() -> producer(false, true).run(broken))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("orders.jsonl");
    }
}
