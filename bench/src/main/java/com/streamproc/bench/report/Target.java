package com.streamproc.bench.report;

import java.util.Locale;

/**
 * A target of the form "measured ≤ limit" (a ratio against a baseline, or an absolute figure such as requests per
 * record or megabytes), or "measured ≥ limit" ({@link #atLeast}).
 *
 * @param limit   the largest (or, with {@code atLeast}, smallest) value that still meets the target
 * @param unit    how the value reads in the report: {@code "×"} for ratios, otherwise a unit name
 * @param atLeast whether the value must reach the limit rather than stay within it
 */
public record Target(double limit, String unit, boolean atLeast) {
    public Target(double limit, String unit) {
        this(limit, unit, false);
    }

    public Target {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("limit must be a positive number");
        }
    }

    public static Target ratio(double limit) {
        return new Target(limit, "×");
    }

    public static Target atMost(double limit, String unit) {
        return new Target(limit, unit);
    }

    /** "measured ≥ limit"; {@code unit} as in {@link #ratio} for {@code "×"}. */
    public static Target atLeast(double limit, String unit) {
        return new Target(limit, unit, true);
    }

    /** A measurement that is not a number (NaN: it could not be taken) never meets a target. */
    public boolean metBy(double measured) {
        return !Double.isNaN(measured) && (atLeast ? measured >= limit : measured <= limit);
    }

    /** {@code "≤ 3×"} or {@code "≤ 1.0 requests/record"}. */
    public String describe() {
        return (atLeast ? "≥ " : "≤ ") + Numbers.compact(limit) + ("×".equals(unit) ? "×" : " " + unit);
    }

    /** {@code "met"} or {@code "MISSED"}, as the tables show it. */
    public String verdict(double measured) {
        if (Double.isNaN(measured)) {
            return "not measured";
        }
        return metBy(measured) ? "met" : "MISSED";
    }

    /** {@code measured / baseline}; NaN when either is not a positive finite number. */
    public static double ratioOf(double measured, double baseline) {
        if (!(baseline > 0) || Double.isInfinite(baseline) || Double.isNaN(measured) || measured < 0) {
            return Double.NaN;
        }
        return measured / baseline;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Target[%s]", describe());
    }
}
