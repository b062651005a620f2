package com.streamproc.emulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Child-JVM entry point for {@link WatchdogIT}: starts a {@link NodeEmulatorStack}, prints
 * {@code PIDS <pid>...} of both process trees, then waits to be killed.
 *
 * <p>Arguments: project root, log directory.
 */
public final class WatchdogProbe {

    private WatchdogProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        NodeEmulatorStack stack = EmulatorStack.start(Path.of(args[0]), Path.of(args[1]), Duration.ofSeconds(60));
        System.out.println("PIDS " + stack.processTreePids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
