package com.streamproc.local.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files: {@code .local-stack/} in the project root (git-ignored), or another
 * directory (tests keep theirs apart); and the template it runs: {@code sam-template.yaml} in the project root, or
 * another file ({@code --template}). The emulators always come from the project root's {@code node_modules}; a
 * function's {@code CodeUri} resolves against its template's directory, as {@code sam} resolves it.
 */
public record StackPaths(Path projectRoot, Path state, Path template) {
    public static final String TEMPLATE = "sam-template.yaml";
    /** Under {@link #logs()}: what the event source mappings say, one line per retry among it. */
    public static final String MAPPINGS_LOG = "event-source-mappings.log";

    public StackPaths {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        state = state == null ? projectRoot.resolve(".local-stack") : state.toAbsolutePath().normalize();
        template = template == null ? projectRoot.resolve(TEMPLATE) : template.toAbsolutePath().normalize();
    }

    public StackPaths(Path projectRoot) {
        this(projectRoot, null, null);
    }

    public StackPaths(Path projectRoot, Path state) {
        this(projectRoot, state, null);
    }

    /** The template as a user would name it: relative to the project root when it lies there. */
    public String templateName() {
        return template.startsWith(projectRoot) ? projectRoot.relativize(template).toString() : template.toString();
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
