package com.streamproc.e2e.harness;

import java.time.Duration;
import java.util.Random;

/**
 * Draws each invocation's {@link FaultPlan} from a seeded random source. Which invocation gets which plan still
 * depends on thread timing; the mix of faults does not.
 *
 * @param deadlineMargin the function's {@code DEADLINE_MARGIN_MS}: short invocations get just a little more than
 *                       it, so the deadline passes in the middle of the batch
 * @param timeout        the function's {@code Timeout} from the template
 */
public final class FaultSchedule {
    /**
     * Per request (throttle, serverError, lostResponse, unprocessed) and per invocation (the rest) chances: high,
     * because a seed has only a few dozen invocations per function, yet low enough that batches progress.
     */
    public record Rates(double throttle, double serverError, double lostResponse, double unprocessed, double storm,
                        double crash, double deadline, double timeout, double redelivery) {
        public static final Rates DEFAULT = new Rates(0.03, 0.02, 0.04, 0.2, 0.15, 0.12, 0.12, 0.05, 0.2);
        public static final Rates NONE = new Rates(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final Random random;
    private final Rates rates;
    private final Duration deadlineMargin;
    private final Duration timeout;

    public FaultSchedule(long seed, Rates rates, Duration deadlineMargin, Duration timeout) {
        this.random = new Random(seed);
        this.rates = rates;
        this.deadlineMargin = deadlineMargin;
        this.timeout = timeout;
    }

    public synchronized FaultPlan next() {
        boolean storm = chance(rates.storm());
        boolean crash = chance(rates.crash());
        boolean hang = !crash && chance(rates.timeout());
        boolean pressed = !hang && chance(rates.deadline());
        Duration remaining = timeout;
        Duration latency = Duration.ZERO;
        if (hang) {
            remaining = deadlineMargin.plusMillis(200 + random.nextInt(300));
        } else if (pressed) {
            remaining = deadlineMargin.plusMillis(100 + random.nextInt(500));
            latency = Duration.ofMillis(15 + random.nextInt(30));
        }
        return new FaultPlan(rates.throttle(), rates.serverError(), rates.lostResponse(), rates.unprocessed(),
                storm ? 1 + random.nextInt(8) : 0, storm ? 8 + random.nextInt(12) : 0,
                crash ? 1 + random.nextInt(6) : 0, latency, remaining,
                hang ? 2 + random.nextInt(6) : 0, hang && random.nextBoolean(), chance(rates.redelivery()));
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
