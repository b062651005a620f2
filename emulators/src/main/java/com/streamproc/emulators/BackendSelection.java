package com.streamproc.emulators;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Decides from system properties, the environment and Docker's availability which {@link Backend} the
 * integration tests run against.
 *
 * <ul>
 *   <li>{@value #BACKEND_PROPERTY} unset, empty or {@code emulators}: the node emulators (default).</li>
 *   <li>{@value #BACKEND_PROPERTY}={@code localstack} (set by the {@code localstack} Maven profile): a
 *       container of the image {@value #IMAGE_PROPERTY} (default {@value #DEFAULT_IMAGE}), unless there is
 *       no Docker engine, or the image is LocalStack's own and {@value #AUTH_TOKEN_VARIABLE} is not set:
 *       then {@link Backend.Unavailable} and the tests are skipped.</li>
 *   <li>Any other value is a configuration error.</li>
 * </ul>
 */
public final class BackendSelection {

    /** System property choosing the backend: {@code emulators} (default) or {@code localstack}. */
    public static final String BACKEND_PROPERTY = "streamproc.backend";
    /** System property naming the container image of the {@code localstack} backend. */
    public static final String IMAGE_PROPERTY = "streamproc.localstack.image";
    /** Environment variable holding the LocalStack auth token; passed into the container. */
    public static final String AUTH_TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";
    /** Image used when {@value #IMAGE_PROPERTY} is not set (the Maven profile always sets it). */
    public static final String DEFAULT_IMAGE = "localstack/localstack:latest";

    static final String EMULATORS = "emulators";
    static final String LOCALSTACK = "localstack";

    static final String NO_DOCKER = "LocalStack profile: no Docker engine found; integration tests skipped"
            + " (the default emulator path runs without -Plocalstack)";
    static final String NO_AUTH_TOKEN = "LOCALSTACK_AUTH_TOKEN is not set: the LocalStack image needs it since"
            + " March 2026; set it, or use -Dlocalstack.image=<a token-free compatible image such as Floci>";

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final BooleanSupplier dockerAvailable;

    /**
     * @param systemProperties name to value or null, like {@link System#getProperty(String)}
     * @param environment      name to value or null, like {@link System#getenv(String)}
     * @param dockerAvailable  asked only for the {@code localstack} backend
     */
    public BackendSelection(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            BooleanSupplier dockerAvailable) {
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.dockerAvailable = Objects.requireNonNull(dockerAvailable, "dockerAvailable");
    }

    /** This JVM's system properties and environment; Docker is probed through Testcontainers. */
    public static BackendSelection fromSystem() {
        return new BackendSelection(System::getProperty, System::getenv, DockerProbe::isDockerAvailable);
    }

    /**
     * The backend to use.
     *
     * @throws IllegalArgumentException if {@value #BACKEND_PROPERTY} names an unknown backend
     */
    public Backend select() {
        String backend = trimmed(systemProperties.apply(BACKEND_PROPERTY)).orElse(EMULATORS);
        return switch (backend) {
            case EMULATORS -> new Backend.NodeEmulators();
            case LOCALSTACK -> container();
            default -> throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + "=" + backend
                    + " is not a backend: use '" + EMULATORS + "' (the default) or '" + LOCALSTACK + "'");
        };
    }

    private Backend container() {
        // Docker first: without an engine nothing can run, whatever the image or token
        if (!dockerAvailable.getAsBoolean()) {
            return new Backend.Unavailable(NO_DOCKER);
        }
        String image = trimmed(systemProperties.apply(IMAGE_PROPERTY)).orElse(DEFAULT_IMAGE);
        Optional<String> token = trimmed(environment.apply(AUTH_TOKEN_VARIABLE));
        boolean localStackImage = isLocalStackImage(image);
        if (localStackImage && token.isEmpty()) {
            return new Backend.Unavailable(NO_AUTH_TOKEN);
        }
        return new Backend.Container(image, localStackImage, token);
    }

    /**
     * Whether {@code image} is LocalStack's own ({@code localstack/localstack}, {@code localstack/localstack-pro},
     * also from another registry or a mirror path), which needs an auth token since March 2026.
     */
    static boolean isLocalStackImage(String image) {
        String name = image.trim();
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        String[] path = name.split("/");
        int last = path.length - 1;
        int tag = path[last].indexOf(':');
        if (tag >= 0) {
            path[last] = path[last].substring(0, tag);
        }
        return path.length >= 2
                && path[last - 1].equals("localstack")
                && path[last].startsWith("localstack");
    }

    private static Optional<String> trimmed(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
