package com.streamproc.tools.produce;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints the producer's counts to stderr once a second while it runs. */
final class ProgressLine implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private ProgressLine(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ProgressLine start(ProduceStats stats, PrintWriter err, LongSupplier nanoClock) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "producer-progress");
            thread.setDaemon(true);
            return thread;
        });
        long started = nanoClock.getAsLong();
        long[] lastSent = {0};
        timer.scheduleAtFixedRate(() -> {
            ProduceStats.Snapshot now = stats.snapshot();
            long seconds = Math.max(1, Math.round((nanoClock.getAsLong() - started) / 1e9));
            err.println("produce: " + seconds + "s " + now.counts() + " (" + (now.sent() - lastSent[0]) + "/s)");
            err.flush();
            lastSent[0] = now.sent();
        }, 1, 1, TimeUnit.SECONDS);
        return new ProgressLine(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
