package com.streamproc.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * kinesis-mock and dynalite running side by side as child processes on free loopback ports: the default
 * backend, needing only Node.js and {@code npm ci} in the project root.
 */
public final class NodeEmulatorStack extends EmulatorStack {

    private final KinesisMockServer kinesis;
    private final DynaliteServer dynalite;

    private NodeEmulatorStack(Path projectRoot, KinesisMockServer kinesis, DynaliteServer dynalite) {
        super(projectRoot);
        this.kinesis = kinesis;
        this.dynalite = dynalite;
    }

    /** Starts both emulators (in parallel); if one fails, the other is stopped again. */
    static NodeEmulatorStack startProcesses(Path projectRoot, Path logDirectory, Duration startupTimeout) {
        // check both packages before starting anything, for one clear error
        ProjectRoot.requirePackage(projectRoot, KinesisMockServer.PACKAGE);
        ProjectRoot.requirePackage(projectRoot, DynaliteServer.PACKAGE);
        CompletableFuture<KinesisMockServer> kinesis = CompletableFuture.supplyAsync(
                () -> KinesisMockServer.start(projectRoot, logDirectory, startupTimeout), inNewThread("start-kinesis-mock"));
        CompletableFuture<DynaliteServer> dynalite = CompletableFuture.supplyAsync(
                () -> DynaliteServer.start(projectRoot, logDirectory, startupTimeout), inNewThread("start-dynalite"));
        try {
            CompletableFuture.allOf(kinesis, dynalite).join();
        } catch (CompletionException e) {
            kinesis.thenAccept(KinesisMockServer::close);
            dynalite.thenAccept(DynaliteServer::close);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot start the emulators", cause);
        }
        return new NodeEmulatorStack(projectRoot, kinesis.join(), dynalite.join());
    }

    private static Executor inNewThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Plain-HTTP endpoint of kinesis-mock. */
    @Override
    public URI kinesisEndpoint() {
        return kinesis.endpoint();
    }

    /** Endpoint of dynalite. */
    @Override
    public URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    @Override
    public String backendDescription() {
        return "kinesis-mock + dynalite";
    }

    public KinesisMockServer kinesisServer() {
        return kinesis;
    }

    public DynaliteServer dynaliteServer() {
        return dynalite;
    }

    /** Pids of both emulators' process trees (watchdogs and servers), as of now. */
    public List<Long> processTreePids() {
        List<Long> pids = new ArrayList<>(kinesis.process().processTreePids());
        pids.addAll(dynalite.process().processTreePids());
        return pids;
    }

    /** Stops both emulators. Idempotent. */
    @Override
    public void close() {
        try {
            kinesis.close();
        } finally {
            dynalite.close();
        }
    }
}
