package com.streamproc.bench.latency;

/**
 * The latency a batch would have if its DynamoDB requests were spread perfectly over the function's concurrency and
 * nothing else took time, in whole round trips: {@code ⌈requests ÷ concurrency⌉ × per-request latency}, but never
 * fewer than {@value #READ_THEN_WRITE} round trips when the batch sent that many requests.
 *
 * <p>Why the floor: every function reads an item before it writes it under a condition (the exactly-once check), so
 * a batch that writes anything takes a read round and then a write round, however many requests run at once. Without
 * it, a concurrency as high as a batch's request count would make the ideal a fraction of one request.
 */
public final class IdealLatency {
    /** One read round, then one write round. */
    public static final int READ_THEN_WRITE = 2;

    private IdealLatency() {
    }

    /**
     * @param requests          requests the batch sent
     * @param concurrency       requests in flight at most (the function's {@code MAX_CONCURRENT_KEYS})
     * @param perRequestMillis  the latency of one request
     */
    public static double millis(long requests, int concurrency, double perRequestMillis) {
        if (!(perRequestMillis >= 0)) {
            throw new IllegalArgumentException("perRequestMillis must not be negative");
        }
        return rounds(requests, concurrency) * perRequestMillis;
    }

    /** The round trips of the ideal: see the class comment. */
    public static long rounds(long requests, int concurrency) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        long spread = (requests + concurrency - 1) / concurrency;
        return Math.min(requests, Math.max(spread, READ_THEN_WRITE));
    }
}
