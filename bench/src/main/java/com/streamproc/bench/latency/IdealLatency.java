package com.streamproc.bench.latency;

/**
 * The latency a batch would have if its DynamoDB requests were spread perfectly over the function's concurrency and
 * nothing else took time: {@code requests ÷ concurrency × per-request latency}.
 */
public final class IdealLatency {
    private IdealLatency() {
    }

    /**
     * @param requests          requests the batch sent
     * @param concurrency       requests in flight at most (the function's {@code MAX_CONCURRENT_KEYS})
     * @param perRequestMillis  the latency of one request
     */
    public static double millis(long requests, int concurrency, double perRequestMillis) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (!(perRequestMillis >= 0)) {
            throw new IllegalArgumentException("perRequestMillis must not be negative");
        }
        return requests / (double) concurrency * perRequestMillis;
    }
}
