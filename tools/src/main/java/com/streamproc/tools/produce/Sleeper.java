package com.streamproc.tools.produce;

import java.time.Duration;

/** Waits; tests replace it so that backoff costs no time. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    };

    void sleep(Duration duration);
}
