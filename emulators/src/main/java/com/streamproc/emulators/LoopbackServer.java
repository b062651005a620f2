package com.streamproc.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An emulator process that answers AWS API calls over plain HTTP on a loopback port: what {@link DynaliteServer}
 * and {@link KinesisMockServer} share, from starting it until it answers to stopping it.
 */
abstract class LoopbackServer implements AutoCloseable {

    private final EmulatorProcess process;
    private final int port;

    LoopbackServer(EmulatorProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code script} with working directory {@code <logDirectory>/<name>-<port>} and log file
     * {@code <logDirectory>/<name>-<port>.log}, and waits until {@code probe} succeeds through a client that
     * makes one quick attempt per call.
     *
     * @param probeClient builds the probe's client from the endpoint and the client overrides
     */
    static <C extends SdkAutoCloseable> EmulatorProcess startProcess(String name, Path script, List<String> args,
            Map<String, String> environment, int port, Path logDirectory, Duration startupTimeout,
            BiFunction<URI, ClientOverrideConfiguration, C> probeClient, Consumer<C> probe) {
        try (C client = probeClient.apply(endpoint(port), AwsClients.probeOverrides())) {
            return EmulatorProcess.start(name, script, args, environment, logDirectory.resolve(name + "-" + port),
                    logDirectory.resolve(name + "-" + port + ".log"), startupTimeout, () -> {
                        probe.accept(client);
                        return null;
                    });
        }
    }

    private static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Plain-HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint(port);
    }

    public int port() {
        return port;
    }

    public EmulatorProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + endpoint() + ", " + process + "]";
    }
}
