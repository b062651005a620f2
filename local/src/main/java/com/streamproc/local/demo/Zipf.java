package com.streamproc.local.demo;

import java.util.Random;

/** Picks ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few very active, many occasional. */
final class Zipf {
    private final double[] cumulative;
    private final Random random;

    Zipf(int n, double s, Random random) {
        this.random = random;
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    int next() {
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
