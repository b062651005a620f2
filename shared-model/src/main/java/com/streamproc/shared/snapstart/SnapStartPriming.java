package com.streamproc.shared.snapstart;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes an execution environment before Lambda SnapStart takes its snapshot: the registered work runs in the
 * CRaC {@code beforeCheckpoint} hook, so classes it loads and code paths it warms (Jackson, the SDK's request
 * marshalling) are in the snapshot instead of in every restored invocation's first request.
 *
 * <p>Priming must not call AWS: credentials and connections in a snapshot would be stale after restore. Outside
 * SnapStart (locally, or without a checkpoint) the hook simply never runs.
 */
public final class SnapStartPriming implements Resource {
    // CRaC contexts may hold resources weakly: keep them reachable for the life of the environment.
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    private final Runnable priming;

    private SnapStartPriming(Runnable priming) {
        this.priming = priming;
    }

    /** Runs {@code priming} before the snapshot. Failures are swallowed: priming is an optimisation only. */
    public static synchronized void register(Runnable priming) {
        SnapStartPriming resource = new SnapStartPriming(priming);
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        runPriming();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients resolve credentials lazily on first use after restore.
    }

    /** Runs the priming now; exposed so tests (and a JVM without CRaC) can exercise it. */
    public void runPriming() {
        try {
            priming.run();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("{\"level\":\"WARN\",\"message\":\"SnapStart priming failed\",\"error\":\""
                    + e.getClass().getSimpleName() + "\"}");
        }
    }

    static synchronized List<SnapStartPriming> registered() {
        return List.copyOf(REGISTERED);
    }
}
