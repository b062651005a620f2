package com.streamproc.e2e.harness;

import java.time.Duration;

/**
 * The faults of one invocation.
 *
 * @param throttleRate       chance that a request is throttled before it is sent
 * @param serverErrorRate    chance that a request fails with a 500 before it is sent
 * @param lostResponseRate   chance that an applied write's response is lost
 * @param unprocessedRate    chance that part of a BatchWriteItem comes back unprocessed
 * @param stormFromCall      the first request (1-based) of a run of throttled requests, 0 for none
 * @param stormLength        how many consecutive requests the run throttles
 * @param crashAfterWrites   the process dies right after this many applied writes, 0 for never
 * @param latency            added before each request is sent
 * @param remainingTime      what {@code Context.getRemainingTimeInMillis()} says at the start: the invocation's timeout
 * @param hangAtCall         this request (1-based) hangs until the invocation is abandoned, 0 for none
 * @param hangAfterSending   whether the hanging request was already applied by DynamoDB
 * @param redeliver          whether a successful batch is delivered once more
 */
public record FaultPlan(double throttleRate, double serverErrorRate, double lostResponseRate, double unprocessedRate,
                        int stormFromCall, int stormLength, int crashAfterWrites, Duration latency,
                        Duration remainingTime, int hangAtCall, boolean hangAfterSending, boolean redeliver) {

    /** No faults, the given timeout. */
    public static FaultPlan none(Duration timeout) {
        return new FaultPlan(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, timeout, 0, false, false);
    }

    public FaultPlan withoutRedelivery() {
        return new FaultPlan(throttleRate, serverErrorRate, lostResponseRate, unprocessedRate, stormFromCall,
                stormLength, crashAfterWrites, latency, remainingTime, hangAtCall, hangAfterSending, false);
    }
}
