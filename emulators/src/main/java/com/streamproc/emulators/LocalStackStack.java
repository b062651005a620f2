package com.streamproc.emulators;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Kinesis and DynamoDB served by one LocalStack (or LocalStack-compatible) container on its edge port,
 * started through Testcontainers; the backend of {@code -Plocalstack}. Testcontainers' reaper removes the
 * container if the JVM dies without {@link #close()}.
 *
 * <p>LocalStack's own images run as Testcontainers' {@link LocalStackContainer} (services Kinesis and
 * DynamoDB, {@code LOCALSTACK_AUTH_TOKEN} passed in). Any other image, such as Floci, runs as a plain
 * container on port 4566 that is ready once {@code /_localstack/health} answers: LocalStackContainer
 * replaces the image's entrypoint with LocalStack's start script, which a compatible image need not have.
 */
public final class LocalStackStack extends EmulatorStack {

    /** LocalStack's single edge port for every service; LocalStack-compatible emulators use it too. */
    static final int EDGE_PORT = 4566;
    static final String HEALTH_PATH = "/_localstack/health";

    private final GenericContainer<?> container;
    private final String image;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStackStack(Path projectRoot, GenericContainer<?> container, String image, URI endpoint) {
        super(projectRoot);
        this.container = container;
        this.image = image;
        this.endpoint = endpoint;
    }

    /** Starts the container of {@code backend}; the caller has checked that Docker is available. */
    static LocalStackStack start(Backend.Container backend, Path projectRoot, Duration startupTimeout) {
        GenericContainer<?> container = backend.localStackImage()
                ? localStackContainer(backend.image())
                : compatibleContainer(backend.image());
        backend.authToken().ifPresent(token -> container.withEnv(BackendSelection.AUTH_TOKEN_VARIABLE, token));
        container.withStartupTimeout(startupTimeout);
        try {
            container.start();
            return new LocalStackStack(projectRoot, container, backend.image(), endpoint(container));
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("Cannot start the container " + backend.image() + ": " + e.getMessage(), e);
        }
    }

    // legacy mode (one port per service) is for LocalStack before 0.11; the one-argument constructor would
    // also pick it for any tag that is not a version number, such as "stable"
    @SuppressWarnings({"deprecation", "resource"})
    private static GenericContainer<?> localStackContainer(String image) {
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack");
        return new LocalStackContainer(name, false)
                .withServices(LocalStackContainer.Service.KINESIS, LocalStackContainer.Service.DYNAMODB)
                // LocalStack delays every Kinesis response by 500 ms by default to mimic AWS
                .withEnv("KINESIS_LATENCY", "0");
    }

    @SuppressWarnings("resource")
    private static GenericContainer<?> compatibleContainer(String image) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(EDGE_PORT)
                .withEnv("SERVICES", "kinesis,dynamodb")
                .waitingFor(Wait.forHttp(HEALTH_PATH).forPort(EDGE_PORT).forStatusCode(200));
    }

    private static URI endpoint(GenericContainer<?> container) {
        String host = container.getHost();
        try {
            // an IP address, like LocalStackContainer.getEndpoint(): "localhost" may resolve to ::1 first
            host = InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            // keep the name; the SDK resolves it itself
        }
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + container.getMappedPort(EDGE_PORT));
    }

    /** The container's edge endpoint; Kinesis and DynamoDB share it. */
    @Override
    public URI kinesisEndpoint() {
        return endpoint;
    }

    /** The container's edge endpoint; Kinesis and DynamoDB share it. */
    @Override
    public URI dynamoDbEndpoint() {
        return endpoint;
    }

    @Override
    public String backendDescription() {
        return "container " + image;
    }

    /** The container image this stack runs. */
    public String image() {
        return image;
    }

    /** Stops and removes the container. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
        }
    }
}
