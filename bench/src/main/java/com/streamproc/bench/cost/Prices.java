package com.streamproc.bench.cost;

/**
 * List prices the report turns units into dollars with: US East (N. Virginia), on-demand, DynamoDB Standard table
 * class, Lambda's first duration tier. BENCHMARKS.md names the pages they come from.
 */
public final class Prices {
    /** DynamoDB on-demand, per million write request units. */
    public static final double DOLLARS_PER_MILLION_WRU = 0.625;
    /** DynamoDB on-demand, per million read request units. */
    public static final double DOLLARS_PER_MILLION_RRU = 0.125;
    /** Lambda duration on Arm (arm64), per GB-second. */
    public static final double DOLLARS_PER_GB_SECOND_ARM = 0.0000133334;
    /** Lambda duration on x86_64, per GB-second. */
    public static final double DOLLARS_PER_GB_SECOND_X86 = 0.0000166667;
    /** Lambda requests (invocations), per million. */
    public static final double DOLLARS_PER_MILLION_INVOCATIONS = 0.20;

    private Prices() {
    }

    /** DynamoDB dollars per million records at these units per record. */
    public static double dynamoDbPerMillion(double wruPerRecord, double rruPerRecord) {
        return wruPerRecord * DOLLARS_PER_MILLION_WRU + rruPerRecord * DOLLARS_PER_MILLION_RRU;
    }

    /**
     * Lambda dollars per million records: duration at the function's memory and architecture, plus one invocation
     * per batch.
     */
    public static double lambdaPerMillion(double millisPerRecord, int memoryMb, String architecture, int batchSize) {
        double gbSecondPrice = "arm64".equals(architecture) ? DOLLARS_PER_GB_SECOND_ARM : DOLLARS_PER_GB_SECOND_X86;
        double duration = millisPerRecord / 1000.0 * (memoryMb / 1024.0) * gbSecondPrice * 1_000_000;
        double invocations = DOLLARS_PER_MILLION_INVOCATIONS / batchSize;
        return duration + invocations;
    }
}
