package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordRef#paddedSequence()} is stored as a high-water mark and compared as a string: its string order must
 * be record order, for plain records and user records of aggregates alike, and marks stored for plain records before
 * aggregates existed must keep comparing correctly.
 */
class RecordRefOrderPropertyTest {
    @Provide
    Arbitrary<RecordRef> refs() {
        Arbitrary<String> sequences = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(129).subtract(BigInteger.ONE))
                        .map(BigInteger::toString),
                // near each other, so that equal sequence numbers and neighbours are common
                Arbitraries.integers().between(0, 20).map(i -> new BigInteger("49590338271490256608559692538361571095921575989136588898")
                        .add(BigInteger.valueOf(i)).toString()));
        Arbitrary<Long> subs = Arbitraries.oneOf(Arbitraries.longs().between(0, 20),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).injectNull(0.4);
        return Combinators.combine(sequences, subs)
                .as((sequence, sub) -> new RecordRef("shardId-000000000000", sequence, "k", Instant.EPOCH, 1, sub));
    }

    @Property(tries = 3000)
    void paddedSequenceOrderIsRecordOrder(@ForAll("refs") RecordRef a, @ForAll("refs") RecordRef b) {
        assertThat(Integer.signum(a.paddedSequence().compareTo(b.paddedSequence())))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property(tries = 1000)
    void recordOrderIsSequenceThenSubSequence(@ForAll("refs") RecordRef a, @ForAll("refs") RecordRef b) {
        int bySequence = new BigInteger(a.sequenceNumber()).compareTo(new BigInteger(b.sequenceNumber()));
        int expected = bySequence != 0 ? bySequence
                : a.subSequenceNumber() == null ? (b.subSequenceNumber() == null ? 0 : -1)
                : b.subSequenceNumber() == null ? 1 : a.subSequenceNumber().compareTo(b.subSequenceNumber());
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(expected));
    }

    @Property(tries = 1000)
    void sequenceIdsPadLikeTheirRefs(@ForAll("refs") RecordRef ref) {
        assertThat(RecordRef.padSequenceId(ref.sequenceId())).isEqualTo(ref.paddedSequence());
    }

    @Test
    void aPlainRecordsEncodingIsUnchanged() {
        RecordRef plain = new RecordRef("s", "49590338271490256608559692538361571095921575989136588898", "k",
                Instant.EPOCH, 1);
        assertThat(plain.paddedSequence()).isEqualTo("056" + "49590338271490256608559692538361571095921575989136588898");
        assertThat(plain.paddedSequence()).isEqualTo(RecordRef.padSequence(plain.sequenceNumber()));
        assertThat(plain.sequenceId()).isEqualTo(plain.sequenceNumber());
    }

    @Test
    void userRecordsSortAfterEachOtherAndBelowTheNextKinesisRecord() {
        RecordRef aggregate = new RecordRef("s", "1000", "agg", Instant.EPOCH, 500);
        RecordRef first = aggregate.userRecord(0, "a", 10);
        RecordRef second = aggregate.userRecord(1, "b", 10);
        RecordRef tenth = aggregate.userRecord(10, "a", 10);
        RecordRef next = new RecordRef("s", "1001", "x", Instant.EPOCH, 1);

        assertThat(first.paddedSequence()).isEqualTo("0041000.0010");
        assertThat(tenth.paddedSequence()).isEqualTo("0041000.00210");
        assertThat(java.util.List.of(next.paddedSequence(), tenth.paddedSequence(), aggregate.paddedSequence(),
                second.paddedSequence(), first.paddedSequence()).stream().sorted().toList())
                .containsExactly(aggregate.paddedSequence(), first.paddedSequence(), second.paddedSequence(),
                        tenth.paddedSequence(), next.paddedSequence());
        assertThat(first.sequenceNumber()).isEqualTo("1000");
        assertThat(second.sequenceId()).isEqualTo("1000.1");
        assertThat(second.partitionKey()).isEqualTo("b");
    }
}
