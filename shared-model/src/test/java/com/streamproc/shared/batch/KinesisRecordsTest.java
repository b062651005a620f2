package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KinesisRecordsTest {
    @Test
    void readsShardSequencePartitionKeyArrivalAndSizeFromTheLambdaEvent() {
        KinesisEvent event = KinesisEventFixture.batch()
                .shard("shardId-000000000007")
                .arrival(Instant.parse("2026-11-27T10:00:00.250Z"))
                .record("order-9", "{\"a\":1}")
                .build();

        RecordRef ref = KinesisRecords.refOf(event.getRecords().get(0));

        assertThat(ref.shardId()).isEqualTo("shardId-000000000007");
        assertThat(ref.sequenceNumber()).isEqualTo(KinesisEventFixture.FIRST_SEQUENCE.toString());
        assertThat(ref.partitionKey()).isEqualTo("order-9");
        assertThat(ref.arrivedAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00.250Z"));
        assertThat(ref.sizeBytes()).isEqualTo(7);
    }

    @net.jqwik.api.Property(tries = 500)
    void sequenceOrderIsNumericOrder(@net.jqwik.api.ForAll @net.jqwik.api.constraints.BigRange(min = "0",
            max = "999999999999999999999999999999999999999999999999999999999999") java.math.BigInteger a,
                                     @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int zeros,
                                     @net.jqwik.api.ForAll @net.jqwik.api.constraints.BigRange(min = "0",
            max = "999999999999999999999999999999999999999999999999999999999999") java.math.BigInteger b) {
        String paddedA = "0".repeat(zeros) + a;
        assertThat(Integer.signum(RecordRef.compareDecimal(paddedA, b.toString())))
                .isEqualTo(Integer.signum(a.compareTo(b)));
        assertThat(RecordRef.compareDecimal(paddedA, a.toString())).isZero();
    }

    @net.jqwik.api.Property(tries = 500)
    void numbersOfOneLengthWithALongCommonPrefixCompareNumerically(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.BigRange(min = "1",
                    max = "99999999999999999999999999999999999999999") java.math.BigInteger prefix,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 15) int digits,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 999_999_999_999_999L) long x,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 999_999_999_999_999L) long y) {
        // As a shard's sequence numbers are: the same digit count, a long shared prefix, differing at the end.
        long bound = (long) Math.pow(10, digits);
        String a = prefix + String.format("%0" + digits + "d", x % bound);
        String b = prefix + String.format("%0" + digits + "d", y % bound);

        assertThat(Integer.signum(RecordRef.compareDecimal(a, b)))
                .isEqualTo(new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
    }

    @Test
    void paddedSequenceNumbersSortLikeNumbers() {
        assertThat(RecordRef.padSequence("9")).isLessThan(RecordRef.padSequence("10"));
        assertThat(RecordRef.padSequence("0099")).isEqualTo(RecordRef.padSequence("99")).isEqualTo("00299");
        assertThat(RecordRef.padSequence("0")).isEqualTo("0010");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordRef.padSequence("12a"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordRef.padSequence(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordRef.padSequence("1" + "0".repeat(128))).isGreaterThan(RecordRef.padSequence("9".repeat(128)));
        assertThat(RecordRef.padSequence(KinesisEventFixture.FIRST_SEQUENCE.toString())).hasSize(59)
                .isLessThan(RecordRef.padSequence(KinesisEventFixture.FIRST_SEQUENCE.add(java.math.BigInteger.ONE).toString()));
    }
}
