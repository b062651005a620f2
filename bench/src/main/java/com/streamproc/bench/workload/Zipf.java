package com.streamproc.bench.workload;

import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few very active keys, many quiet ones. */
public final class Zipf {
    private final double[] cumulative;
    private final Random random;

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
