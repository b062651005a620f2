package com.streamproc.shared.batch;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where one Kinesis record came from: enough to report it to Lambda, order it, and quarantine it.
 *
 * @param shardId        the shard, from the record's {@code eventID} ({@code shardId-000000000000:<sequence>})
 * @param sequenceNumber the record's sequence number as Kinesis gives it (a decimal string of up to 129 digits)
 * @param partitionKey   the record's partition key
 * @param arrivedAt      Kinesis' approximate arrival time
 * @param sizeBytes      the size of the record's data in bytes
 */
public record RecordRef(String shardId, String sequenceNumber, String partitionKey, Instant arrivedAt, int sizeBytes)
        implements Comparable<RecordRef> {

    /** Orders by sequence number as a number; within a shard that is the order Kinesis stored the records in. */
    public static final Comparator<RecordRef> BY_SEQUENCE =
            (a, b) -> compareDecimal(a.sequenceNumber, b.sequenceNumber);

    public RecordRef {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
    }

    /** The sequence number as a number: sequence numbers are compared numerically, never as strings. */
    public BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }

    /**
     * The sequence number as a string whose string order is numeric order, for DynamoDB string comparisons in
     * replay guards: its digit count as three digits, then the digits ({@code "056" + "4959..."}). Kinesis
     * sequence numbers have up to 129 digits, so plain zero-padding would waste space on every item.
     */
    public String paddedSequence() {
        return padSequence(sequenceNumber);
    }

    /** Encodes a decimal sequence number as in {@link #paddedSequence()}. */
    public static String padSequence(String sequenceNumber) {
        int start = firstSignificant(sequenceNumber);
        int length = sequenceNumber.length() - start;
        if (length == 0 || length > 999) {
            throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
        }
        StringBuilder padded = new StringBuilder(length + 3);
        padded.append((char) ('0' + length / 100)).append((char) ('0' + length / 10 % 10)).append((char) ('0' + length % 10));
        for (int i = start; i < sequenceNumber.length(); i++) {
            char c = sequenceNumber.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
            }
            padded.append(c);
        }
        return padded.toString();
    }

    @Override
    public int compareTo(RecordRef other) {
        return BY_SEQUENCE.compare(this, other);
    }

    /**
     * Compares two non-negative decimal strings numerically without parsing them: sorting a batch compares
     * sequence numbers thousands of times, and a 56-digit {@code BigInteger} per comparison is measurable.
     */
    static int compareDecimal(String a, String b) {
        int aStart = firstSignificant(a);
        int bStart = firstSignificant(b);
        int byLength = Integer.compare(a.length() - aStart, b.length() - bStart);
        if (byLength != 0) {
            return byLength;
        }
        for (int i = aStart, j = bStart; i < a.length(); i++, j++) {
            int byDigit = Character.compare(a.charAt(i), b.charAt(j));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    private static int firstSignificant(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
