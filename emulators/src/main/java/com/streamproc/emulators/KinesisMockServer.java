package com.streamproc.emulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * kinesis-mock, from the npm package {@code kinesis-local}, as a child process on free loopback ports.
 *
 * <p>Equivalent shell command (run from any directory):
 * <pre>
 * KINESIS_MOCK_CERT_PATH=node_modules/kinesis-local/server.json \
 * KINESIS_MOCK_PLAIN_PORT=4568 KINESIS_MOCK_TLS_PORT=4567 \
 * CREATE_STREAM_DURATION=0ms DELETE_STREAM_DURATION=0ms (and the other *_DURATION variables) \
 * AWS_REGION=us-east-1 AWS_ACCOUNT_ID=000000000000 LOG_LEVEL=WARN \
 * node node_modules/kinesis-local/main.js
 * </pre>
 * Clients use the plain-HTTP port ({@link #endpoint()}); the TLS port uses a self-signed certificate.
 */
public final class KinesisMockServer extends LoopbackServer {

    /** npm package that ships kinesis-mock as a single Scala.js bundle. */
    public static final String PACKAGE = ProjectRoot.KINESIS_PACKAGE;
    /** System property for kinesis-mock's LOG_LEVEL (ERROR, WARN, INFO, DEBUG, TRACE); default WARN. */
    public static final String LOG_LEVEL_PROPERTY = "streamproc.kinesisMock.logLevel";

    /** Every delay kinesis-mock simulates for asynchronous operations; set to 0 so streams are ACTIVE at once. */
    static final List<String> DURATION_VARIABLES = List.of(
            "CREATE_STREAM_DURATION", "DELETE_STREAM_DURATION",
            "REGISTER_STREAM_CONSUMER_DURATION", "DEREGISTER_STREAM_CONSUMER_DURATION",
            "START_STREAM_ENCRYPTION_DURATION", "STOP_STREAM_ENCRYPTION_DURATION",
            "MERGE_SHARDS_DURATION", "SPLIT_SHARD_DURATION",
            "UPDATE_SHARD_COUNT_DURATION", "UPDATE_STREAM_MODE_DURATION");

    private final int tlsPort;

    private KinesisMockServer(EmulatorProcess process, int port, int tlsPort) {
        super(process, port);
        this.tlsPort = tlsPort;
    }

    /** Starts it from the project root found from the working directory; logs under {@code target/emulators}. */
    public static KinesisMockServer start() {
        return start(ProjectRoot.locate(), EmulatorProcess.defaultLogDirectory(), Duration.ofSeconds(60));
    }

    public static KinesisMockServer start(Path projectRoot, Path logDirectory, Duration startupTimeout) {
        Path packageDir = ProjectRoot.requirePackage(projectRoot, PACKAGE);
        int port = EmulatorProcess.freeLoopbackPort();
        int tlsPort = EmulatorProcess.freeLoopbackPort();
        while (tlsPort == port) {
            tlsPort = EmulatorProcess.freeLoopbackPort();
        }
        EmulatorProcess process = startProcess("kinesis-mock", packageDir.resolve("main.js"), List.of(),
                environment(packageDir, port, tlsPort), port, logDirectory, startupTimeout, AwsClients::kinesis,
                probe -> probe.listStreams(b -> b.limit(1)));
        return new KinesisMockServer(process, port, tlsPort);
    }

    /** The environment kinesis-mock is started with. */
    static Map<String, String> environment(Path packageDir, int port, int tlsPort) {
        Map<String, String> env = EmulatorProcess.env(
                // main.js reads server.json from the working directory unless told where it is
                "KINESIS_MOCK_CERT_PATH", packageDir.resolve("server.json").toString(),
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                "AWS_REGION", AwsClients.REGION.id(),
                "AWS_ACCOUNT_ID", AwsClients.ACCOUNT_ID,
                "SHARD_LIMIT", "1000",
                "ON_DEMAND_STREAM_COUNT_LIMIT", "100",
                "SHOULD_PERSIST_DATA", "false",
                "LOAD_DATA_IF_EXISTS", "false",
                "LOG_LEVEL", System.getProperty(LOG_LEVEL_PROPERTY, "WARN"));
        for (String variable : DURATION_VARIABLES) {
            env.put(variable, "0ms");
        }
        return env;
    }

    /** HTTPS port (self-signed certificate from the package's server.json). */
    public int tlsPort() {
        return tlsPort;
    }

    /** A new client for this server; the caller closes it. */
    public KinesisClient newClient() {
        return AwsClients.kinesis(endpoint());
    }
}
