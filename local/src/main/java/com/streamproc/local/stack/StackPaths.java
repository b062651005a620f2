package com.streamproc.local.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files: {@code .local-stack/} in the project root (git-ignored), or another
 * directory (tests keep theirs apart).
 */
public record StackPaths(Path projectRoot, Path state) {
    public static final String TEMPLATE = "sam-template.yaml";
    /** Under {@link #logs()}: what the event source mappings say, one line per retry among it. */
    public static final String MAPPINGS_LOG = "event-source-mappings.log";

    public StackPaths {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        state = state == null ? projectRoot.resolve(".local-stack") : state.toAbsolutePath().normalize();
    }

    public StackPaths(Path projectRoot) {
        this(projectRoot, null);
    }

    public Path template() {
        return projectRoot.resolve(TEMPLATE);
    }

    public Path logs() {
        return state().resolve("logs");
    }

    /** The local on-failure destination of a function: JSON lines. */
    public Path failures(String functionLogicalId) {
        return state().resolve("failures").resolve(functionLogicalId + ".jsonl");
    }

    public Path mappingsLog() {
        return logs().resolve(MAPPINGS_LOG);
    }

    public Path functionLog(String functionLogicalId) {
        return logs().resolve(functionLogicalId + ".log");
    }

    /** Written by {@code up}: the {@code --env-vars} file of {@code sam local invoke} for the running stack. */
    public Path samEnvVars() {
        return state().resolve("env.local.json");
    }

    /** Written by {@code up}: endpoints and pid of the running stack. */
    public Path stackFile() {
        return state().resolve("stack.json");
    }
}
