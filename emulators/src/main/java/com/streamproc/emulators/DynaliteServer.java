package com.streamproc.emulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (DynamoDB on LevelDB, in memory) as a child process on a free loopback port.
 *
 * <p>Equivalent shell command:
 * <pre>
 * node dynalite-guard.js node_modules/dynalite/cli.js --host 127.0.0.1 --port 4569 \
 *   --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
 * </pre>
 * Without {@code --path} the data lives in memory only. {@code dynalite-guard.js} (a resource next to this class)
 * runs the CLI and keeps the server alive when a client drops a connection in the middle of a request: dynalite
 * rethrows that error from an event handler, which would end the process and every test sharing it. Clients do that
 * whenever a request outlasts their attempt timeout, as the functions' clients do on a busy machine.
 */
public final class DynaliteServer extends LoopbackServer {

    /** npm package name. */
    public static final String PACKAGE = ProjectRoot.DYNALITE_PACKAGE;
    /** Runs dynalite's CLI, surviving connections its clients abort (see the class documentation). */
    static final String GUARD_RESOURCE = "dynalite-guard.js";

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
        List<String> args = new ArrayList<>();
        args.add(packageDir.resolve("cli.js").toString());
        args.addAll(arguments(port));
        EmulatorProcess process = startProcess("dynalite", EmulatorProcess.extractedScript(GUARD_RESOURCE), args, Map.of(),
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
