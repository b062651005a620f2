package com.streamproc.bench.report;

import java.util.List;
import java.util.Locale;

/** Formatting and small statistics for the report; locale-independent. */
public final class Numbers {
    private Numbers() {
    }

    /** Median of the values (mean of the two middle ones for an even count); NaN for none. */
    public static double median(List<? extends Number> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The nearest-rank percentile: the smallest value that at least {@code percent} % of the values do not exceed
     * (so the 90th of 21 values is the 19th smallest); NaN for none.
     */
    public static double percentile(List<? extends Number> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public static double min(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    /** Fixed decimals, or {@code "n/a"} for NaN. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A ratio as {@code "2.41×"}. */
    public static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : fixed(value, 2) + "×";
    }

    /** Thousands separated with commas, as in the figures ({@code 10,000}). */
    public static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A limit without needless zeros: 3, 1.5, 0.3. */
    public static String compact(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return stripZeros(String.format(Locale.ROOT, "%.3f", value));
    }

    private static String stripZeros(String text) {
        String stripped = text.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    /** Mebibytes with two decimals. */
    public static String mebibytes(long bytes) {
        return fixed(bytes / (1024.0 * 1024.0), 2);
    }
}
