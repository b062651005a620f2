package com.streamproc.activity.testing;

import com.streamproc.activity.traffic.ActivityTraffic;
import com.streamproc.shared.traffic.Zipf;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic activity for the write-budget tests (events, not records: they go straight to the
 * aggregation): users drawn from the shared Zipf (a few users do most things), actions uniformly
 * from a fixed set, times spread over a window, mostly in order with some late events.
 */
public final class ActivityWorkload {
    /** The actions of the function's traffic generator. */
    public static final List<String> ACTIONS = ActivityTraffic.ACTIONS;

    private final Random random;
    private final Zipf users;
    private final List<String> actions;
    private final Instant start;
    private final Duration window;
    private final boolean inOrder;
    private final String eventIdPrefix;
    private int nextEvent;

    /**
     * @param seed     also part of every eventId, so that workloads of different seeds never share one
     * @param users    number of distinct users ({@code user-0001} ...), ranked by popularity
     * @param exponent the Zipf exponent (1.2 in the write-budget workload)
     * @param actions  how many of {@link #ACTIONS} to use
     * @param inOrder  times move through the window with the stream (else each event anywhere in the window)
     */
    public ActivityWorkload(long seed, int users, double exponent, int actions, Instant start, Duration window,
                            boolean inOrder) {
        this.inOrder = inOrder;
        this.eventIdPrefix = "evt-" + seed + "-";
        this.random = new Random(seed);
        this.users = new Zipf(users, exponent, random);
        this.actions = ACTIONS.subList(0, actions);
        this.start = start;
        this.window = window;
    }

    /** The write-budget workload: 1,000 users, Zipf exponent 1.2, 20 actions, 3 hours across midnight UTC. */
    public static ActivityWorkload zipf(long seed, boolean inOrder) {
        return new ActivityWorkload(seed, 1000, 1.2, 20, Instant.parse("2026-11-27T22:30:00Z"), Duration.ofHours(3),
                inOrder);
    }

    /**
     * {@code count} new events of a stream of {@code total}: in order, their times move through the window with
     * one in ten arriving up to an hour late; otherwise each lies anywhere in the window.
     */
    public List<TestActivity> next(int count, int total) {
        List<TestActivity> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = nextEvent++;
            long offsetMillis = inOrder ? window.toMillis() * n / Math.max(1, total)
                    : (long) (random.nextDouble() * window.toMillis());
            if (inOrder && random.nextInt(10) == 0) {
                offsetMillis -= random.nextInt(3_600_000);
            }
            Instant at = start.plusMillis(Math.max(0, offsetMillis) + random.nextInt(1000));
            events.add(new TestActivity(eventIdPrefix + n, user(), actions.get(random.nextInt(actions.size())), at));
        }
        return events;
    }

    private String user() {
        return String.format("user-%04d", users.next() + 1);
    }
}
