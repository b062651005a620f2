package com.streamproc.shared.batch;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where one record came from: enough to report it to Lambda, order it, and quarantine it.
 *
 * <p>A record is either a plain Kinesis record ({@code subSequenceNumber} is {@code null}) or one user record of a
 * KPL aggregate ({@link com.streamproc.shared.kpl.KplAggregate}): then {@code sequenceNumber} is the aggregate's
 * Kinesis sequence number (the only one Lambda can checkpoint), {@code subSequenceNumber} its index in the
 * aggregate, {@code partitionKey} its own key from the aggregate's table, and {@code sizeBytes} the size of its
 * own data. User records of one aggregate order after each other, by sub-sequence number, and below the next
 * Kinesis record.
 *
 * @param shardId        the shard, from the record's {@code eventID} ({@code shardId-000000000000:<sequence>})
 * @param sequenceNumber the record's sequence number as Kinesis gives it (a decimal string of up to 129 digits)
 * @param partitionKey   the record's partition key
 * @param arrivedAt      Kinesis' approximate arrival time
 * @param sizeBytes      the size of the record's data in bytes
 * @param subSequenceNumber the user record's index in its KPL aggregate, or {@code null} for a plain record
 */
public record RecordRef(String shardId, String sequenceNumber, String partitionKey, Instant arrivedAt, int sizeBytes,
                        Long subSequenceNumber)
        implements Comparable<RecordRef> {

    /**
     * Orders by sequence number as a number, then by sub-sequence number (a plain record has none); within a shard
     * that is the order Kinesis stored the records in, and the order the producer added user records to an aggregate.
     */
    public static final Comparator<RecordRef> BY_SEQUENCE = (a, b) -> {
        int bySequence = compareDecimal(a.sequenceNumber, b.sequenceNumber);
        if (bySequence != 0) {
            return bySequence;
        }
        if (a.subSequenceNumber == null || b.subSequenceNumber == null) {
            return a.subSequenceNumber == null ? (b.subSequenceNumber == null ? 0 : -1) : 1;
        }
        return Long.compare(a.subSequenceNumber, b.subSequenceNumber);
    };

    public RecordRef {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        if (subSequenceNumber != null && subSequenceNumber < 0) {
            throw new IllegalArgumentException("negative sub-sequence number: " + subSequenceNumber);
        }
    }

    /** A plain Kinesis record. */
    public RecordRef(String shardId, String sequenceNumber, String partitionKey, Instant arrivedAt, int sizeBytes) {
        this(shardId, sequenceNumber, partitionKey, arrivedAt, sizeBytes, null);
    }

    /**
     * The user record at {@code subSequenceNumber} of the aggregate this plain record holds: same shard, sequence
     * number and arrival, its own partition key and size.
     */
    public RecordRef userRecord(long subSequenceNumber, String userPartitionKey, int userSizeBytes) {
        if (this.subSequenceNumber != null) {
            throw new IllegalStateException("already a user record: " + this);
        }
        return new RecordRef(shardId, sequenceNumber, userPartitionKey, arrivedAt, userSizeBytes, subSequenceNumber);
    }

    /** Whether this is a user record of a KPL aggregate. */
    public boolean isUserRecord() {
        return subSequenceNumber != null;
    }

    /**
     * How users name the record: the sequence number, followed by {@code .} and the sub-sequence number for a user
     * record ({@code 4959...898.3}).
     */
    public String sequenceId() {
        return subSequenceNumber == null ? sequenceNumber : sequenceNumber + SUB_SEQUENCE_SEPARATOR + subSequenceNumber;
    }

    /** The sequence number as a number: sequence numbers are compared numerically, never as strings. */
    public BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }

    /**
     * The sequence number as a string whose string order is record order ({@link #BY_SEQUENCE}), for DynamoDB
     * string comparisons in replay guards: its digit count as three digits, then the digits
     * ({@code "056" + "4959..."}). Kinesis sequence numbers have up to 129 digits, so plain zero-padding would waste
     * space on every item.
     *
     * <p>For a user record of an aggregate, the sub-sequence number follows in the same form after a {@code .}
     * ({@code "056" + "4959..." + "." + "001" + "3"}). A plain record's encoding is unchanged, so marks stored
     * before aggregates existed compare correctly with every new value: two values of different sequence numbers
     * differ within the digits (or their count), before any suffix; and the aggregate's user records, which share
     * the prefix, order by their suffixes.
     */
    public String paddedSequence() {
        String padded = padSequence(sequenceNumber);
        return subSequenceNumber == null ? padded
                : padded + SUB_SEQUENCE_SEPARATOR + padSequence(Long.toString(subSequenceNumber));
    }

    /** Between the sequence number and the sub-sequence number in {@link #paddedSequence()} and {@link #sequenceId()}. */
    public static final char SUB_SEQUENCE_SEPARATOR = '.';

    /**
     * Encodes a {@link #sequenceId()} ({@code SEQUENCE} or {@code SEQUENCE.SUB}) as in {@link #paddedSequence()}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static String padSequenceId(String sequenceId) {
        int dot = sequenceId.indexOf(SUB_SEQUENCE_SEPARATOR);
        if (dot < 0) {
            return padSequence(sequenceId);
        }
        String sub = sequenceId.substring(dot + 1);
        long subSequence;
        try {
            subSequence = sub.isEmpty() || !Character.isDigit(sub.charAt(0)) ? -1 : Long.parseLong(sub);
        } catch (NumberFormatException e) {
            subSequence = -1;
        }
        if (subSequence < 0) {
            throw new IllegalArgumentException("not a sub-sequence number: " + sequenceId);
        }
        return padSequence(sequenceId.substring(0, dot)) + SUB_SEQUENCE_SEPARATOR
                + padSequence(Long.toString(subSequence));
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
        // The common case, Kinesis' own numbers: as many digits, no leading zero. Then string order is number order,
        // and String.compareTo (a JIT intrinsic) skips the long prefix a shard's sequence numbers share.
        if (a.length() == b.length() && !a.isEmpty() && a.charAt(0) != '0' && b.charAt(0) != '0') {
            return a.compareTo(b);
        }
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
