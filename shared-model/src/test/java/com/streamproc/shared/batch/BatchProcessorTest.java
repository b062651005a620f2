package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.observe.BatchSummary;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.retry.FailureKind;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientFailureException;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ManualNanoClock;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class BatchProcessorTest {
    private static final BigInteger FIRST = KinesisEventFixture.FIRST_SEQUENCE;

    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
    private final ManualNanoClock nanoClock = new ManualNanoClock();
    /** (key, n) pairs in the order the applier applied them. */
    private final List<String> appliedLog = Collections.synchronizedList(new ArrayList<>());

    private BatchProcessor<TestEvent> processor(BatchApplier<TestEvent> applier) {
        BatchProcessorConfig config = BatchProcessorConfig.defaults("test-function")
                .withRetryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
                .withDeadlineMargin(Duration.ofSeconds(1));
        return new BatchProcessor<>(TestEvent.decoder(), applier, quarantine, config, summaries::add,
                Clock.systemUTC(), nanoClock);
    }

    private RecordApplier<TestEvent> recording() {
        return (record, retry) -> appliedLog.add(record.event().key() + ":" + record.event().n());
    }

    private FakeLambdaContext context() {
        return new FakeLambdaContext("test-function", 60_000, nanoClock);
    }

    private static String seq(int offset) {
        return FIRST.add(BigInteger.valueOf(offset)).toString();
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void cleanBatchReportsNoFailures() {
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", TestEvent.json("b", 1))
                .record("a", TestEvent.json("a", 2))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(recording(), 4)).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactlyInAnyOrder("a:1", "b:1", "a:2");
        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.records()).isEqualTo(3);
            assertThat(s.applied()).isEqualTo(3);
            assertThat(s.failed()).isZero();
            assertThat(s.reportedSequenceNumber()).isNull();
            assertThat(s.shardId()).isEqualTo(KinesisEventFixture.DEFAULT_SHARD);
        });
    }

    @Test
    void emptyOrNullBatchReportsNoFailures() {
        BatchProcessor<TestEvent> processor = processor(RecordApplier.perRecord(recording(), 1));

        assertThat(processor.process(new KinesisEvent(), context()).getBatchItemFailures()).isEmpty();
        assertThat(processor.process(null, context()).getBatchItemFailures()).isEmpty();
    }

    // Rule a: per-key sequence order, keys concurrently within the bound.
    @Test
    void recordsOfOneKeyAreAppliedInSequenceOrderWhileKeysRunConcurrentlyWithinTheBound() {
        int keys = 6;
        int perKey = 20;
        KinesisEventFixture fixture = KinesisEventFixture.batch();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                fixture.record("k" + k, TestEvent.json("k" + k, i));
            }
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Map<String, List<Integer>> orderPerKey = new ConcurrentHashMap<>();
        RecordApplier<TestEvent> slowRecording = (record, retry) -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            orderPerKey.computeIfAbsent(record.event().key(), k -> new CopyOnWriteArrayList<>()).add(record.event().n());
            running.decrementAndGet();
        };

        StreamsEventResponse response = processor(RecordApplier.perRecord(slowRecording, 3))
                .process(fixture.build(), context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(orderPerKey).hasSize(keys);
        orderPerKey.values().forEach(ns -> assertThat(ns).isSorted().hasSize(perKey));
        assertThat(maxRunning.get()).isBetween(2, 3);
    }

    @Test
    void recordsAreSortedBySequenceNumberNumericallyNotAsText() {
        // 9 < 10 numerically, but "9..." > "10..." as text.
        KinesisEvent event = KinesisEventFixture.batch()
                .sequence(new BigInteger("10")).record("a", TestEvent.json("a", 2))
                .sequence(new BigInteger("9")).record("a", TestEvent.json("a", 1))
                .build();

        processor(RecordApplier.perRecord(recording(), 1)).process(event, context());

        assertThat(appliedLog).containsExactly("a:1", "a:2");
    }

    // Rule b: poison goes to the quarantine and is not reported.
    @Test
    void poisonRecordsAreQuarantinedAndNotReported() {
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("a", "{not json")
                .recordBytes("b", new byte[] {(byte) 0xFF, (byte) 0xFE})
                .record("b", TestEvent.json("b", -5))
                .record("c", "{\"n\":1}")
                .record("a", TestEvent.json("a", 2))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(recording(), 2)).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:1", "a:2");
        assertThat(quarantine.reasonsBySequence()).containsOnly(
                Map.entry(seq(1), ReasonCodes.MALFORMED_JSON),
                Map.entry(seq(2), ReasonCodes.INVALID_UTF8),
                Map.entry(seq(3), "NEGATIVE_N"),
                Map.entry(seq(4), ReasonCodes.SCHEMA_VIOLATION));
        assertThat(summaries.get(0).quarantined()).isEqualTo(4);
        assertThat(summaries.get(0).quarantineReasons()).containsEntry("NEGATIVE_N", 1);
    }

    @Test
    void decodedPoisonIsQuarantinedWhileTheOtherRecordsAreApplied() {
        CountDownLatch quarantineWriting = new CountDownLatch(1);
        CountDownLatch applied = new CountDownLatch(1);
        QuarantineWriter overlapping = (records, retry) -> {
            quarantineWriting.countDown();
            await(applied);
            return quarantine.write(records, retry);
        };
        RecordApplier<TestEvent> waitsForTheQuarantine = (record, retry) -> {
            appliedLog.add(record.event().key() + ":" + record.event().n()
                    + (await(quarantineWriting) ? " during the quarantine write" : " alone"));
            applied.countDown();
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", "{broken")
                .build();
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(TestEvent.decoder(),
                RecordApplier.perRecord(waitsForTheQuarantine, 1), overlapping,
                BatchProcessorConfig.defaults("test-function"), summaries::add, Clock.systemUTC(), nanoClock);

        StreamsEventResponse response = processor.process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:1 during the quarantine write");
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(1), ReasonCodes.MALFORMED_JSON));
    }

    @Test
    void poisonFoundWhileDecodingAndWhileApplyingIsQuarantinedTogether() {
        RecordApplier<TestEvent> rejectsThree = (record, retry) -> {
            if (record.event().n() == 3) {
                throw new PoisonRecordException("INVALID_TRANSITION", "three is not allowed here");
            }
            appliedLog.add(record.event().key() + ":" + record.event().n());
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 3))
                .record("b", "{broken")
                .record("a", TestEvent.json("a", 4))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(rejectsThree, 1)).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:4");
        assertThat(quarantine.reasonsBySequence()).containsOnly(
                Map.entry(seq(0), "INVALID_TRANSITION"), Map.entry(seq(1), ReasonCodes.MALFORMED_JSON));
        assertThat(summaries.get(0).quarantined()).isEqualTo(2);
    }

    /** @return whether {@code latch} opened within five seconds */
    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void poisonFoundWhileApplyingIsQuarantinedAndTheKeyGoesOn() {
        RecordApplier<TestEvent> rejectsThree = (record, retry) -> {
            if (record.event().n() == 3) {
                throw new PoisonRecordException("INVALID_TRANSITION", "three is not allowed here");
            }
            appliedLog.add(record.event().key() + ":" + record.event().n());
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 3))
                .record("a", TestEvent.json("a", 4))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(rejectsThree, 1)).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:4");
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(0), "INVALID_TRANSITION"));
    }

    @Test
    void poisonThatCannotBeQuarantinedIsReported() {
        quarantine.failing(true);
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", "{broken")
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(recording(), 1)).process(event, context());

        assertThat(reported(response)).containsExactly(seq(1));
    }

    // Rule c: a transient failure stops its key and reports the earliest unapplied record.
    @Test
    void transientFailureStopsItsKeyAndReportsTheEarliestUnappliedRecord() {
        AtomicInteger attempts = new AtomicInteger();
        RecordApplier<TestEvent> throttledOnB2 = (record, retry) -> retry.call(() -> {
            if (record.event().key().equals("b") && record.event().n() == 2) {
                attempts.incrementAndGet();
                throw throttling();
            }
            appliedLog.add(record.event().key() + ":" + record.event().n());
            return null;
        });
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))   // 0
                .record("b", TestEvent.json("b", 1))   // 1
                .record("b", TestEvent.json("b", 2))   // 2 fails
                .record("a", TestEvent.json("a", 2))   // 3
                .record("b", TestEvent.json("b", 3))   // 4 must not be written
                .record("c", TestEvent.json("c", 1))   // 5
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(throttledOnB2, 2)).process(event, context());

        assertThat(reported(response)).containsExactly(seq(2));
        assertThat(appliedLog).containsExactlyInAnyOrder("a:1", "b:1", "a:2", "c:1");
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(summaries.get(0).failed()).isEqualTo(2);
        assertThat(summaries.get(0).retries()).isEqualTo(2);
    }

    @Test
    void theLowestOfSeveralFailedKeysIsReported() {
        RecordApplier<TestEvent> failsOnFive = (record, retry) -> {
            if (record.event().n() == 5) {
                throw new TransientFailureException("store unavailable");
            }
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))   // 0
                .record("b", TestEvent.json("b", 5))   // 1 fails
                .record("a", TestEvent.json("a", 5))   // 2 fails
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(failsOnFive, 2)).process(event, context());

        assertThat(reported(response)).containsExactly(seq(1));
    }

    @Test
    void deterministicFailuresAreNotRetriedAndTheRecordIsQuarantined() {
        AtomicInteger attempts = new AtomicInteger();
        RecordApplier<TestEvent> conditionFails = (record, retry) -> retry.call(() -> {
            attempts.incrementAndGet();
            throw software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.builder()
                    .message("condition").statusCode(400).build();
        });
        KinesisEvent event = KinesisEventFixture.batch().record("a", TestEvent.json("a", 1)).build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(conditionFails, 1)).process(event, context());

        assertThat(attempts.get()).isEqualTo(1);
        assertThat(reported(response)).isEmpty();
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(0), ReasonCodes.PROCESSING_ERROR));
        assertThat(quarantine.stored().values()).singleElement()
                .satisfies(q -> assertThat(q.reason().detail()).contains("ConditionalCheckFailedException"));
    }

    // Rule d: nothing new starts after the deadline.
    @Test
    void noWorkStartsAfterTheDeadlineAndTheEarliestUnappliedRecordIsReported() {
        // 60 s remaining, 1 s margin: each record takes 20 s, so the third may not start.
        RecordApplier<TestEvent> slow = (record, retry) -> {
            appliedLog.add(record.event().key() + ":" + record.event().n());
            nanoClock.advance(Duration.ofSeconds(20));
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("a", TestEvent.json("a", 2))
                .record("a", TestEvent.json("a", 3))
                .record("a", TestEvent.json("a", 4))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(slow, 1)).process(event, context());

        assertThat(appliedLog).containsExactly("a:1", "a:2", "a:3");
        assertThat(reported(response)).containsExactly(seq(3));
    }

    @Test
    void invocationWithTimeOnlyForTheMarginAppliesNothingAndReportsTheFirstRecord() {
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", TestEvent.json("b", 1))
                .build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(recording(), 2))
                .process(event, new FakeLambdaContext("test-function", 900, nanoClock));

        assertThat(appliedLog).isEmpty();
        assertThat(reported(response)).containsExactly(seq(0));
    }

    // Rule e: per-record problems never throw.
    @Test
    void anApplierThatThrowsNeverMakesTheHandlerThrow() {
        BatchApplier<TestEvent> broken = (records, context) -> {
            context.applied(records.get(0).ref());
            throw new TransientFailureException("store went away");
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("a", TestEvent.json("a", 2))
                .build();

        assertThatCode(() -> {
            StreamsEventResponse response = processor(broken).process(event, context());
            assertThat(reported(response)).containsExactly(seq(1));
            assertThat(summaries.get(0).failureCause().exception()).isEqualTo("TransientFailureException");
        }).doesNotThrowAnyException();
    }

    @Test
    void aRecordThatMakesAWholeBatchApplierThrowIsIsolatedAndQuarantinedWhileTheOthersApply() {
        // A whole-batch applier with a bug that one record triggers: it throws as soon as it meets that record.
        BatchApplier<TestEvent> throwsOnSeven = (records, context) -> {
            for (InboundRecord<TestEvent> record : records) {
                if (record.event().n() == 7) {
                    throw new java.time.DateTimeException("year out of range");
                }
                appliedLog.add(record.event().key() + ":" + record.event().n());
                context.applied(record.ref());
            }
        };
        KinesisEventFixture batch = KinesisEventFixture.batch();
        for (int i = 0; i < 10; i++) {
            batch.record("k" + (i % 3), TestEvent.json("k" + (i % 3), i == 4 ? 7 : i + 100));
        }

        StreamsEventResponse response = processor(throwsOnSeven).process(batch.build(), context());

        assertThat(reported(response)).isEmpty();
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(4), ReasonCodes.PROCESSING_ERROR));
        assertThat(quarantine.stored().values()).singleElement()
                .satisfies(q -> assertThat(q.reason().detail()).contains("DateTimeException"));
        assertThat(summaries.get(0).applied()).isEqualTo(9);
        assertThat(summaries.get(0).quarantined()).isEqualTo(1);
        assertThat(summaries.get(0).failed()).isZero();
        // Per-key order held while the culprit was searched for: each key's records in sequence order.
        for (String key : List.of("k0", "k1", "k2")) {
            List<Integer> ofKey = appliedLog.stream().filter(e -> e.startsWith(key + ":"))
                    .map(e -> Integer.parseInt(e.substring(e.indexOf(':') + 1))).distinct().toList();
            assertThat(ofKey).isSorted();
        }
    }

    @Test
    void aDeterministicFailureInAKeyGroupPoisonsOnlyTheRecordThatCausesIt() {
        // A per-key applier that folds the whole group into one write, refused when it holds record n=3.
        PartitionApplier<TestEvent> foldsAndWrites = (key, records, context) -> {
            if (records.stream().anyMatch(r -> r.event().n() == 3)) {
                throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                        .message("Item size has exceeded the maximum allowed size").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build();
            }
            records.forEach(r -> {
                appliedLog.add(key + ":" + r.event().n());
                context.applied(r.ref());
            });
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("a", TestEvent.json("a", 2))
                .record("a", TestEvent.json("a", 3))
                .record("a", TestEvent.json("a", 4))
                .record("b", TestEvent.json("b", 5))
                .build();

        StreamsEventResponse response = processor(KeyedBatchApplier.perKey(r -> r.event().key(), foldsAndWrites, 2))
                .process(event, context());

        assertThat(reported(response)).isEmpty();
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(2), ReasonCodes.PROCESSING_ERROR));
        assertThat(quarantine.stored().get(quarantine.stored().keySet().iterator().next()).reason().detail())
                .contains("DynamoDbException", "ValidationException");
        assertThat(appliedLog).contains("a:1", "a:2", "a:4", "b:5").doesNotContain("a:3");
    }

    @Test
    void aTransientFailureInAKeyGroupStopsTheKeyAndNamesItsCause() {
        PartitionApplier<TestEvent> throttled = (key, records, context) -> {
            if (key.equals("a")) {
                throw ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ProvisionedThroughputExceededException").build()).build();
            }
            records.forEach(r -> context.applied(r.ref()));
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("b", TestEvent.json("b", 1))
                .record("a", TestEvent.json("a", 1))
                .record("a", TestEvent.json("a", 2))
                .build();

        StreamsEventResponse response = processor(KeyedBatchApplier.perKey(r -> r.event().key(), throttled, 2))
                .process(event, context());

        assertThat(reported(response)).containsExactly(seq(1));
        assertThat(quarantine.stored()).isEmpty();
        assertThat(summaries.get(0).failed()).isEqualTo(2);
        assertThat(summaries.get(0).failureCause().kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(summaries.get(0).failureCause().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
    }

    @Test
    void aConfigurationFailureStopsTheKeyInsteadOfQuarantiningTheStream() {
        RecordApplier<TestEvent> tableMissing = (record, retry) -> retry.call(() -> {
            throw software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.builder()
                    .message("Requested resource not found").statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build();
        });
        KinesisEvent event = KinesisEventFixture.batch().record("a", TestEvent.json("a", 1)).build();

        StreamsEventResponse response = processor(RecordApplier.perRecord(tableMissing, 1)).process(event, context());

        assertThat(reported(response)).containsExactly(seq(0));
        assertThat(quarantine.stored()).isEmpty();
        assertThat(summaries.get(0).failureCause().kind()).isEqualTo(FailureKind.CONFIGURATION);
    }

    @Test
    void aRecordWhoseEventRequiresAnotherPartitionKeyIsQuarantined() {
        RecordDecoder<TestEvent> keyed = new RecordDecoder<>() {
            @Override
            public TestEvent decode(java.nio.ByteBuffer data) throws PoisonRecordException {
                return TestEvent.decoder().decode(data);
            }

            @Override
            public String requiredPartitionKey(TestEvent event) {
                return event.key();
            }
        };
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(keyed, RecordApplier.perRecord(recording(), 1),
                quarantine, BatchProcessorConfig.defaults("test-function"), summaries::add, Clock.systemUTC(), nanoClock);
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("not-b", TestEvent.json("b", 2))
                .build();

        StreamsEventResponse response = processor.process(event, context());

        assertThat(reported(response)).isEmpty();
        assertThat(appliedLog).containsExactly("a:1");
        assertThat(quarantine.reasonsBySequence())
                .containsExactly(Map.entry(seq(1), ReasonCodes.PARTITION_KEY_MISMATCH));
    }

    @Test
    void anErrorEndsTheInvocationSoLambdaRetriesOrBisectsTheBatch() {
        RecordApplier<TestEvent> overflowsOnB = (record, retry) -> {
            if (record.event().key().equals("b")) {
                throw new StackOverflowError("deep");
            }
        };
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", TestEvent.json("b", 1))
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> processor(RecordApplier.perRecord(overflowsOnB, 2)).process(event, context()))
                .isInstanceOf(StackOverflowError.class);
    }

    @Test
    void aDecoderThatThrowsUnexpectedlyQuarantinesTheRecord() {
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(data -> {
            throw new IllegalStateException("decoder bug");
        }, RecordApplier.perRecord(recording(), 1), quarantine, BatchProcessorConfig.defaults("f"),
                summaries::add, Clock.systemUTC(), nanoClock);
        KinesisEvent event = KinesisEventFixture.batch().record("a", TestEvent.json("a", 1)).build();

        StreamsEventResponse response = processor.process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(quarantine.reasonsBySequence()).containsExactly(Map.entry(seq(0), ReasonCodes.UNREADABLE_RECORD));
    }

    @Test
    void anUnmarkedRecordCountsAsNotApplied() {
        BatchApplier<TestEvent> forgetsTheSecond = (records, context) -> context.applied(records.get(0).ref());
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .record("b", TestEvent.json("b", 1))
                .build();

        StreamsEventResponse response = processor(forgetsTheSecond).process(event, context());

        assertThat(reported(response)).containsExactly(seq(1));
    }

    @Test
    void summaryCarriesNoPayload() {
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", "{\"key\":\"secret-alice@example.com\",\"n\":-1}")
                .build();

        processor(RecordApplier.perRecord(recording(), 1)).process(event, context());

        assertThat(summaries.get(0).toString()).doesNotContain("alice");
    }

    static ProvisionedThroughputExceededException throttling() {
        return ProvisionedThroughputExceededException.builder()
                .message("slow down").statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();
    }

    static String keysOf(List<String> log) {
        return log.stream().collect(Collectors.joining(","));
    }
}
