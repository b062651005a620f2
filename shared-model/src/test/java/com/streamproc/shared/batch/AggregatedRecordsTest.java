package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.kpl.KplAggregateWriter;
import com.streamproc.shared.observe.BatchSummary;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientFailureException;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ManualNanoClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** KPL aggregates in a batch: expanded into user records before decoding, every rule applied per user record. */
class AggregatedRecordsTest {
    private static final BigInteger FIRST = KinesisEventFixture.FIRST_SEQUENCE;

    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
    private final ManualNanoClock nanoClock = new ManualNanoClock();
    private final List<String> appliedLog = Collections.synchronizedList(new ArrayList<>());

    private BatchProcessor<TestEvent> processor(RecordDecoder<TestEvent> decoder, BatchApplier<TestEvent> applier) {
        return new BatchProcessor<>(decoder, applier, quarantine, BatchProcessorConfig.defaults("test-function")
                .withRetryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)), summaries::add,
                Clock.systemUTC(), nanoClock);
    }

    private BatchProcessor<TestEvent> processor(RecordApplier<TestEvent> applier) {
        return processor(TestEvent.decoder(), RecordApplier.perRecord(applier, 2));
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An aggregate of (partitionKey, data) pairs. */
    private static byte[] aggregate(String... keysAndData) {
        KplAggregateWriter writer = new KplAggregateWriter();
        for (int i = 0; i < keysAndData.length; i += 2) {
            writer.add(keysAndData[i], null, utf8(keysAndData[i + 1]));
        }
        return writer.build();
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void userRecordsAreAppliedInOrderWithPlainRecordsAndCountedOneByOne() {
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))                                              // 0
                .recordBytes("a", aggregate("a", TestEvent.json("a", 2), "b", TestEvent.json("b", 1),
                        "a", TestEvent.json("a", 3)))                                            // 1
                .record("b", TestEvent.json("b", 2))                                              // 2
                .build();

        StreamsEventResponse response = processor(recording()).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactlyInAnyOrder("a:1", "a:2", "b:1", "a:3", "b:2");
        assertThat(appliedLog.stream().filter(s -> s.startsWith("a:")).toList()).containsExactly("a:1", "a:2", "a:3");
        assertThat(appliedLog.stream().filter(s -> s.startsWith("b:")).toList()).containsExactly("b:1", "b:2");
        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.records()).isEqualTo(5);
            assertThat(s.applied()).isEqualTo(5);
            assertThat(s.applied() + s.quarantined()).isEqualTo(s.records());
        });
    }

    @Test
    void userRecordsCarryTheirOwnIdentityAndPartitionKey() {
        List<RecordRef> refs = new CopyOnWriteArrayList<>();
        KinesisEvent event = KinesisEventFixture.batch()
                .recordBytes("outer-key", aggregate("a", TestEvent.json("a", 1), "b", TestEvent.json("b", 1)))
                .build();

        processor(TestEvent.decoder(), (records, context) -> records.forEach(r -> {
            refs.add(r.ref());
            context.applied(r.ref());
        })).process(event, context());

        assertThat(refs).extracting(RecordRef::partitionKey).containsExactly("a", "b");
        assertThat(refs).extracting(RecordRef::sequenceNumber).containsOnly(seq(0));
        assertThat(refs).extracting(RecordRef::subSequenceNumber).containsExactly(0L, 1L);
        assertThat(refs).extracting(RecordRef::shardId).containsOnly(KinesisEventFixture.DEFAULT_SHARD);
        assertThat(refs.get(0).sizeBytes()).isEqualTo(utf8(TestEvent.json("a", 1)).length);
    }

    @Test
    void aPoisonUserRecordIsQuarantinedAloneWithItsOwnPayloadAndKeyWhileItsSiblingsApply() {
        KinesisEvent event = KinesisEventFixture.batch()
                .recordBytes("a", aggregate("a", TestEvent.json("a", 1), "b", "{broken", "c",
                        TestEvent.json("c", -1), "a", TestEvent.json("a", 2)))
                .build();

        StreamsEventResponse response = processor(recording()).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactlyInAnyOrder("a:1", "a:2");
        assertThat(quarantine.reasonsBySequenceId()).containsOnly(
                Map.entry(seq(0) + ".1", ReasonCodes.MALFORMED_JSON),
                Map.entry(seq(0) + ".2", "NEGATIVE_N"));
        QuarantinedRecord broken = quarantine.stored().values().stream()
                .filter(r -> r.ref().subSequenceNumber() == 1L).findFirst().orElseThrow();
        assertThat(broken.ref().partitionKey()).isEqualTo("b");
        assertThat(StandardCharsets.UTF_8.decode(broken.payload()).toString()).isEqualTo("{broken");
        assertThat(summaries.get(0).records()).isEqualTo(4);
        assertThat(summaries.get(0).quarantined()).isEqualTo(2);
        assertThat(summaries.get(0).quarantineReasons()).containsEntry(ReasonCodes.MALFORMED_JSON, 1);
    }

    @Test
    void aCorruptAggregateIsQuarantinedWholeWithItsOwnReasonAndTheBatchGoesOn() {
        byte[] corrupt = aggregate("a", TestEvent.json("a", 2), "b", TestEvent.json("b", 1));
        corrupt[corrupt.length - 3] ^= 0x40;   // the MD5
        byte[] truncated = aggregate("c", TestEvent.json("c", 1));
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 20);
        KinesisEvent event = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))
                .recordBytes("a", corrupt)
                .recordBytes("c", truncated)
                .record("a", TestEvent.json("a", 3))
                .build();

        StreamsEventResponse response = processor(recording()).process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:1", "a:3");
        assertThat(quarantine.reasonsBySequenceId()).containsOnly(
                Map.entry(seq(1), ReasonCodes.INVALID_AGGREGATE), Map.entry(seq(2), ReasonCodes.INVALID_AGGREGATE));
        QuarantinedRecord whole = quarantine.stored().values().stream()
                .filter(r -> r.ref().sequenceNumber().equals(seq(1))).findFirst().orElseThrow();
        assertThat(whole.ref().subSequenceNumber()).isNull();
        assertThat(whole.payload().remaining()).isEqualTo(corrupt.length);
        assertThat(whole.reason().detail()).contains("MD5");
        assertThat(summaries.get(0).records()).isEqualTo(4);
    }

    @Test
    void aFailedUserRecordReportsItsAggregatesSequenceNumberAndTheReplayReappliesNothingTwice() {
        // A replay-safe store: applying a record again changes nothing.
        Set<String> stored = ConcurrentHashMap.newKeySet();
        List<String> effects = Collections.synchronizedList(new ArrayList<>());
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        RecordApplier<TestEvent> store = (record, retry) -> {
            String id = record.event().key() + ":" + record.event().n();
            if (id.equals("b:2") && failedOnce.add(id)) {
                throw new TransientFailureException("outage");
            }
            if (stored.add(id)) {
                effects.add(id);
            }
        };
        KinesisEventFixture fixture = KinesisEventFixture.batch()
                .record("a", TestEvent.json("a", 1))                                               // 0
                .recordBytes("a", aggregate("a", TestEvent.json("a", 2), "b", TestEvent.json("b", 1),
                        "b", TestEvent.json("b", 2), "b", TestEvent.json("b", 3), "c", TestEvent.json("c", 1))) // 1
                .record("b", TestEvent.json("b", 4));                                              // 2
        BatchProcessor<TestEvent> processor = processor(store);

        StreamsEventResponse first = processor.process(fixture.build(), context());

        assertThat(reported(first)).containsExactly(seq(1));
        assertThat(effects).containsExactlyInAnyOrder("a:1", "a:2", "b:1", "c:1");
        assertThat(summaries.get(0).failed()).isEqualTo(3);   // b:2, b:3, b:4
        assertThat(summaries.get(0).reportedSequenceNumber()).isEqualTo(seq(1));

        // Lambda replays from the reported record: the whole aggregate again.
        KinesisEvent replay = KinesisEventFixture.batch().sequence(FIRST.add(BigInteger.ONE))
                .recordBytes("a", aggregate("a", TestEvent.json("a", 2), "b", TestEvent.json("b", 1),
                        "b", TestEvent.json("b", 2), "b", TestEvent.json("b", 3), "c", TestEvent.json("c", 1)))
                .record("b", TestEvent.json("b", 4))
                .build();
        StreamsEventResponse second = processor.process(replay, context());

        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(effects).containsExactlyInAnyOrder("a:1", "a:2", "b:1", "c:1", "b:2", "b:3", "b:4");
        assertThat(effects.stream().filter(s -> s.startsWith("b:")).toList()).containsExactly("b:1", "b:2", "b:3", "b:4");
    }

    @Test
    void thePartitionKeyRuleAppliesToEachUserRecordsOwnKey() {
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
        KinesisEvent event = KinesisEventFixture.batch()
                // The Kinesis record's own key is "a": only the user records' keys count.
                .recordBytes("a", aggregate("a", TestEvent.json("a", 1), "b", TestEvent.json("b", 1),
                        "a", TestEvent.json("b", 2)))
                .build();

        StreamsEventResponse response = processor(keyed, RecordApplier.perRecord(recording(), 1))
                .process(event, context());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(appliedLog).containsExactly("a:1", "b:1");
        assertThat(quarantine.reasonsBySequenceId())
                .containsExactly(Map.entry(seq(0) + ".2", ReasonCodes.PARTITION_KEY_MISMATCH));
    }

    @Test
    void aRecordWithoutTheMagicBytesIsHandledAsBefore() {
        KinesisEvent event = KinesisEventFixture.batch()
                .recordBytes("a", new byte[] {(byte) 0xF3, (byte) 0x89, 0x00, 0x01})
                .build();

        processor(recording()).process(event, context());

        assertThat(quarantine.reasonsBySequenceId()).containsExactly(Map.entry(seq(0), ReasonCodes.INVALID_UTF8));
    }
}
