package com.streamproc.local.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run as its own JVM by {@link FunctionJvmLifetimeTest}: starts a function JVM busy in a two-minute invocation, prints
 * {@code CHILD <pid>}, and waits to be killed.
 */
public final class ParentDeathProbe {
    private ParentDeathProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Path zip = TestFunctions.zip(directory);
        ExecutionEnvironment environment = new ExecutionEnvironment(
                TestFunctions.function(zip, "SlowHandler", Duration.ofMinutes(5)),
                TestFunctions.settings(directory.resolve("state"), System.err), "probe");
        Thread invoking = new Thread(() -> {
            try {
                environment.invoke("busy", "{\"sleepMillis\":120000}".getBytes());
            } catch (InterruptedException ignored) {
                // the probe is being killed
            }
        });
        invoking.start();
        long pid = -1;
        while (pid < 0) {
            Thread.sleep(50);
            pid = environment.pid();
        }
        // Let the runtime pick the event up, so that it is busy in the handler, not polling the Runtime API.
        Thread.sleep(3_000);
        System.out.println("CHILD " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
