package com.streamproc.emulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (DynamoDB on LevelDB, in memory) as a child process on a free loopback port.
 *
 * <p>Equivalent shell command:
 * <pre>
 * node node_modules/dynalite/cli.js --host 127.0.0.1 --port 4569 \
 *   --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
 * </pre>
 * Without {@code --path} the data lives in memory only.
 */
public final class DynaliteServer extends LoopbackServer {

    /** npm package name. */
    public static final String PACKAGE = ProjectRoot.DYNALITE_PACKAGE;

    private DynaliteServer(EmulatorProcess process, int port) {
        super(process, port);
    }

    /** Starts it from the project root found from the working directory; logs under {@code target/emulators}. */
    public static DynaliteServer start() {
        return start(ProjectRoot.locate(), EmulatorProcess.defaultLogDirectory(), Duration.ofSeconds(60));
    }

    public static DynaliteServer start(Path projectRoot, Path logDirectory, Duration startupTimeout) {
        Path packageDir = ProjectRoot.requirePackage(projectRoot, PACKAGE);
        int port = EmulatorProcess.freeLoopbackPort();
        EmulatorProcess process = startProcess("dynalite", packageDir.resolve("cli.js"), arguments(port), Map.of(),
                port, logDirectory, startupTimeout, AwsClients::dynamoDb, probe -> probe.listTables(b -> b.limit(1)));
        return new DynaliteServer(process, port);
    }

    /** Command-line arguments of cli.js. */
    static List<String> arguments(int port) {
        return List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
    }

    /** A new client for this server; the caller closes it. */
    public DynamoDbClient newClient() {
        return AwsClients.dynamoDb(endpoint());
    }
}
