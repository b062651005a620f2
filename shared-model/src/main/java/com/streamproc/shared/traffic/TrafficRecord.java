package com.streamproc.shared.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One record a generator puts on a stream: its partition key and bytes, what the generator expects to become of it,
 * and where its effect shows in the function's table once applied.
 *
 * @param expected {@link #APPLIED}, {@link #DUPLICATE} or the reason code the function quarantines it with
 * @param effect   how to confirm it was applied ({@link RecordEffect#none()} when nothing can)
 * @param stated   what the function must read from the record, as the generator knows it without the function's
 *                 code: field name to canonical value (the normalised e-mail of a messy one, a time in UTC to the
 *                 millisecond); each generator's Javadoc names its fields. For a record the function must quarantine, at
 *                 most what it would have made had it been accepted (so that a check can see it was not); empty
 *                 when the generator states nothing. The end-to-end suite's reference models start from it
 */
public record TrafficRecord(String partitionKey, byte[] data, String expected, RecordEffect effect,
                            Map<String, String> stated) {
    public static final String APPLIED = "applied";
    public static final String DUPLICATE = "duplicate";

    public TrafficRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(effect, "effect");
        stated = Map.copyOf(stated);
    }

    /** A record whose content the generator does not state. */
    public TrafficRecord(String partitionKey, byte[] data, String expected, RecordEffect effect) {
        this(partitionKey, data, expected, effect, Map.of());
    }

    /** A second copy of this record, as a producer's retry sends it. */
    public TrafficRecord duplicate() {
        return new TrafficRecord(partitionKey, data, DUPLICATE, effect, stated);
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Whether the generator expects the function to quarantine it. */
    public boolean expectedPoison() {
        return !expected.equals(APPLIED) && !expected.equals(DUPLICATE);
    }
}
