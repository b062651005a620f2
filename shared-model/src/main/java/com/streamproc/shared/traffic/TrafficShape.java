package com.streamproc.shared.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The knobs of a function's traffic generator ({@link StreamTraffic#traffic}), the same for every function: how many
 * records, from which seed, over which event-time span, how skewed the keys are and which shares are duplicates,
 * out of order, poison or invalid. What a share means in a function's domain is its generator's to say (its
 * Javadoc); the shares are of the records generated, and a generator meets them within sampling noise.
 *
 * @param count          how many records, exactly
 * @param seed           the run's randomness: the same shape gives the same records
 * @param run            a tag in every generated id, so that runs with different tags never share an id (may be
 *                       empty; letters and digits only)
 * @param start          the earliest event time
 * @param span           event times fall within {@code start} .. {@code start + span}
 * @param keySkew        the Zipf exponent of the draw of the most active keys (users, customers): 0 is uniform,
 *                       about 1 is typical
 * @param duplicateShare records the producer sends twice (the second copy counted here), 0..0.5
 * @param outOfOrderShare records that arrive after records they precede in event time, 0..1
 * @param poisonShare    records the function's decoder refuses (broken JSON, schema, a bad value), 0..1
 * @param invalidShare   records that decode but the function quarantines all the same (a lifecycle step the stored
 *                       state refuses, a partition key that is not the record's own), 0..1
 * @param edgeShare      records in the rarer forms the contract allows or the producers get wrong in every way it
 *                       names (ids with non-ASCII letters, times at an offset, optional fields left out or null,
 *                       resends of an id with other content, poison of every reason code), 0..1: what the
 *                       end-to-end suite asks for; each generator's Javadoc lists its own. At 0 a generator makes
 *                       the records it made before this knob existed (the benchmarks' workloads)
 * @param order          whether records are sent as the producer groups them or in event-time order
 */
public record TrafficShape(int count, long seed, String run, Instant start, Duration span, double keySkew,
                           double duplicateShare, double outOfOrderShare, double poisonShare, double invalidShare,
                           double edgeShare, SendOrder order) {

    /** In which order the generated records are sent. */
    public enum SendOrder {
        /** As the producer makes them: e.g. one sync job sending a person's records from every system together. */
        AS_PRODUCED,
        /** In the order of their event time: each source sends its own changes when they happen. */
        BY_EVENT_TIME
    }

    /** The event times of the benchmarks and tests, fixed so that seeded records are the same on every run. */
    public static final Instant DEFAULT_START = Instant.parse("2025-06-01T08:00:00Z");

    public TrafficShape {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(order, "order");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (!run.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("run must be letters and digits only, was '" + run + "'");
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, was " + span);
        }
        if (!(keySkew >= 0 && keySkew <= 10)) {
            throw new IllegalArgumentException("keySkew (a Zipf exponent) must be within 0..10, was " + keySkew);
        }
        share("duplicateShare", duplicateShare, 0.5);
        share("outOfOrderShare", outOfOrderShare, 1);
        share("poisonShare", poisonShare, 1);
        share("invalidShare", invalidShare, 1);
        share("edgeShare", edgeShare, 1);
        if (poisonShare + invalidShare > 1) {
            throw new IllegalArgumentException("poisonShare + invalidShare must be at most 1, was "
                    + (poisonShare + invalidShare));
        }
    }

    private static void share(String name, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(name + " must be within 0.." + max + ", was " + value);
        }
    }

    /**
     * {@code count} well-formed records from {@code seed}, no tag, two hours from {@link #DEFAULT_START}, keys
     * skewed with exponent 1, no duplicates, none out of order, no poison, none invalid, no edge cases, sent as
     * produced.
     */
    public static TrafficShape of(int count, long seed) {
        return new TrafficShape(count, seed, "", DEFAULT_START, Duration.ofHours(2), 1.0, 0, 0, 0, 0, 0,
                SendOrder.AS_PRODUCED);
    }

    public TrafficShape withCount(int value) {
        return new TrafficShape(value, seed, run, start, span, keySkew, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, edgeShare, order);
    }

    public TrafficShape withSeed(long value) {
        return new TrafficShape(count, value, run, start, span, keySkew, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, edgeShare, order);
    }

    public TrafficShape withRun(String value) {
        return new TrafficShape(count, seed, value, start, span, keySkew, duplicateShare, outOfOrderShare,
                poisonShare, invalidShare, edgeShare, order);
    }

    public TrafficShape withTimes(Instant from, Duration length) {
        return new TrafficShape(count, seed, run, from, length, keySkew, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, edgeShare, order);
    }

    /** The same span, ending at {@code end} (the demo's traffic ends now). */
    public TrafficShape endingAt(Instant end) {
        return withTimes(end.minus(span), span);
    }

    public TrafficShape withKeySkew(double value) {
        return new TrafficShape(count, seed, run, start, span, value, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, edgeShare, order);
    }

    /** The shares of duplicates, out-of-order, poison and invalid records. */
    public TrafficShape withShares(double duplicates, double outOfOrder, double poison, double invalid) {
        return new TrafficShape(count, seed, run, start, span, keySkew, duplicates, outOfOrder, poison, invalid,
                edgeShare, order);
    }

    /** The share of records in the contract's rarer forms and of every kind of poison ({@code edgeShare}). */
    public TrafficShape withEdgeShare(double value) {
        return new TrafficShape(count, seed, run, start, span, keySkew, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, value, order);
    }

    public TrafficShape withOrder(SendOrder value) {
        return new TrafficShape(count, seed, run, start, span, keySkew, duplicateShare, outOfOrderShare, poisonShare,
                invalidShare, edgeShare, value);
    }

    /** The end of the event-time span. */
    public Instant end() {
        return start.plus(span);
    }

    /** The knobs in words, for reports. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%d records, seed %d, %s of event time, key skew Zipf %.1f, %s duplicates, %s out of order, "
                        + "%s poison, %s invalid%s%s", count, seed, span(span), keySkew, percent(duplicateShare),
                percent(outOfOrderShare), percent(poisonShare), percent(invalidShare),
                edgeShare > 0 ? ", " + percent(edgeShare) + " edge cases" : "",
                order == SendOrder.BY_EVENT_TIME ? ", sent in event-time order" : "");
    }

    private static String span(Duration span) {
        return span.toMinutes() % 60 == 0 ? span.toHours() + " h" : span.toMinutes() + " min";
    }

    private static String percent(double share) {
        double value = share * 100;
        return (value == Math.rint(value) ? Long.toString(Math.round(value)) : String.format(java.util.Locale.ROOT,
                "%.1f", value)) + " %";
    }
}
