package com.streamproc.emulators;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The emulator stack for jqwik properties, which run on jqwik's own test engine, out of reach of
 * {@link EmulatorStackExtension}: the backend {@link BackendSelection} picks, started by the first call to
 * {@link #stack()}, one per JVM, stopped when the JVM exits.
 *
 * <pre>
 * &#64;AddLifecycleHook(JqwikEmulatorStack.class)
 * class OrderProcessingFuzzIT {
 *     &#64;BeforeContainer
 *     static void setUp() {
 *         EmulatorStack stack = JqwikEmulatorStack.stack();
 *         ...
 * </pre>
 * As a lifecycle hook it skips the container, with the reason, when the selected backend cannot run here (no
 * Docker engine for {@code -Plocalstack}, say), as the extension skips JUnit 5 classes.
 */
public final class JqwikEmulatorStack implements SkipExecutionHook {
    private static Backend backend;
    private static EmulatorStack stack;
    private static RuntimeException failure;

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return backend() instanceof Backend.Unavailable unavailable
                ? SkipResult.skip(unavailable.reason()) : SkipResult.doNotSkip();
    }

    /**
     * The shared stack, started on first use. A failed start is remembered: later calls fail with the same cause.
     *
     * @throws IllegalStateException when the backend is unavailable or did not start
     */
    public static synchronized EmulatorStack stack() {
        if (stack == null && failure == null) {
            if (backend() instanceof Backend.Unavailable unavailable) {
                throw new IllegalStateException(unavailable.reason());
            }
            try {
                EmulatorStack started = EmulatorStackExtension.start(backend());
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-jqwik-emulators"));
                stack = started;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("Cannot start the emulators: " + failure.getMessage(), failure);
        }
        return stack;
    }

    private static synchronized Backend backend() {
        if (backend == null) {
            backend = BackendSelection.fromSystem().select();
        }
        return backend;
    }
}
