package com.streamproc.shared.decode;

import java.time.Instant;

/**
 * The event times every function accepts: instants whose UTC year is from {@value #FIRST_YEAR} to
 * {@value #LAST_YEAR}. A function checks its event times against it when decoding, so what is outside never reaches
 * a store.
 *
 * <p>Why a range at all: {@code java.time}'s ISO parsers accept years up to ±999,999,999, and such a time passes
 * parsing only to break later (a UTC day or hour that cannot be formatted, an instant that overflows when an offset
 * is applied, text that no longer sorts as time). Stored instants are fixed-width UTC text that sorts in time order
 * only with a four-digit year, hence 9999 at the top; and no event of these contracts happened before 1970, hence
 * the bottom. A field whose values legitimately lie elsewhere (a birth date) has its own, documented range.
 */
public final class EventTimeRange {
    /** The first UTC year of the range. */
    public static final int FIRST_YEAR = 1970;
    /** The last UTC year of the range. */
    public static final int LAST_YEAR = 9999;
    /** The first instant of the range: 1970-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The first instant after the range: +10000-01-01T00:00:00Z. */
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private EventTimeRange() {
    }

    /** @return whether {@code instant}'s UTC year is from {@value #FIRST_YEAR} to {@value #LAST_YEAR} */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }

    /** For details: {@code "1970-9999"}. */
    public static String describe() {
        return FIRST_YEAR + "-" + LAST_YEAR;
    }
}
