package com.streamproc.shared.traffic;

import java.util.Random;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few very active keys, many quiet ones. The one
 * key-skew draw of the functions' traffic generators ({@link TrafficShape#keySkew}).
 */
public final class Zipf {
    private final double[] cumulative;
    private final Random random;

    /**
     * @param n        how many ranks
     * @param exponent the skew: 0 is uniform, about 1 is typical of users or customers
     * @param random   the seeded source the draws take from
     */
    public Zipf(int n, double exponent, Random random) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.random = random;
        this.cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The next rank, 0 the most likely; takes one {@code nextDouble} of the source. */
    public int next() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
