package com.streamproc.emulators;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * kinesis-mock and dynalite running side by side on free loopback ports, with client factories and
 * creation of the resources of {@code sam-template.yaml}.
 *
 * <pre>
 * try (EmulatorStack stack = EmulatorStack.start();
 *      DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
 *     Map&lt;String, String&gt; names = stack.createTemplateResources();
 *     dynamoDb.putItem(b -&gt; b.tableName(names.get("OrdersTable")).item(...));
 * }
 * </pre>
 * In JUnit tests prefer {@link EmulatorStackExtension}, which shares one stack per JVM.
 */
public final class EmulatorStack implements AutoCloseable {

    /** The template at the project root that {@link #createTemplateResources()} reads. */
    public static final String SAM_TEMPLATE = "sam-template.yaml";

    private final Path projectRoot;
    private final KinesisMockServer kinesis;
    private final DynaliteServer dynalite;
    private final Map<String, Map<String, String>> created = new ConcurrentHashMap<>();

    private EmulatorStack(Path projectRoot, KinesisMockServer kinesis, DynaliteServer dynalite) {
        this.projectRoot = projectRoot;
        this.kinesis = kinesis;
        this.dynalite = dynalite;
    }

    /** Starts both emulators from the project root found from the working directory. */
    public static EmulatorStack start() {
        return start(ProjectRoot.locate(), EmulatorProcess.defaultLogDirectory(), Duration.ofSeconds(60));
    }

    /** Starts both emulators (in parallel); if one fails, the other is stopped again. */
    public static EmulatorStack start(Path projectRoot, Path logDirectory, Duration startupTimeout) {
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
        return new EmulatorStack(projectRoot, kinesis.join(), dynalite.join());
    }

    private static Executor inNewThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Plain-HTTP endpoint of kinesis-mock. */
    public URI kinesisEndpoint() {
        return kinesis.endpoint();
    }

    /** Endpoint of dynalite. */
    public URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    /** "us-east-1". */
    public String region() {
        return AwsClients.REGION.id();
    }

    public Region awsRegion() {
        return AwsClients.REGION;
    }

    /** Static credentials "local"/"local"; the emulators accept any. */
    public AwsCredentialsProvider credentialsProvider() {
        return AwsClients.credentials();
    }

    /** A new Kinesis client (URLConnection HTTP client, endpoint override); the caller closes it. */
    public KinesisClient kinesisClient() {
        return AwsClients.kinesis(kinesisEndpoint());
    }

    /** A new DynamoDB client (URLConnection HTTP client, endpoint override); the caller closes it. */
    public DynamoDbClient dynamoDbClient() {
        return AwsClients.dynamoDb(dynamoDbEndpoint());
    }

    /**
     * Environment variables that point an AWS SDK in another process (for example a Lambda handler run
     * as a child process) at these emulators.
     */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region());
        env.put("AWS_DEFAULT_REGION", region());
        env.put("AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesisEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
        return env;
    }

    /** Directory holding package.json and node_modules. */
    public Path projectRoot() {
        return projectRoot;
    }

    /** {@code sam-template.yaml} at the project root. */
    public Path samTemplate() {
        return projectRoot.resolve(SAM_TEMPLATE);
    }

    /**
     * Creates the tables and streams of {@code sam-template.yaml} (once per stack; later calls return the
     * same names) and returns logical id to physical name.
     */
    public Map<String, String> createTemplateResources() {
        Path template = samTemplate();
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("No " + SAM_TEMPLATE + " at the project root " + projectRoot);
        }
        return createResources(template, Map.of());
    }

    /**
     * Creates the tables and streams of {@code template} with the given parameter overrides, once per
     * (template, overrides) for this stack; returns logical id to physical name.
     */
    public Map<String, String> createResources(Path template, Map<String, String> parameterOverrides) {
        String key = template.toAbsolutePath().normalize() + " " + new TreeMap<>(parameterOverrides);
        return created.computeIfAbsent(key, k -> createResources(TemplateResources.read(template, parameterOverrides)));
    }

    /** Creates the given resources (idempotent) and returns logical id to physical name. */
    public Map<String, String> createResources(TemplateResources resources) {
        try (DynamoDbClient dynamoDb = dynamoDbClient(); KinesisClient kinesisClient = kinesisClient()) {
            return new ResourceFactory(dynamoDb, kinesisClient).createAll(resources);
        }
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

    @Override
    public String toString() {
        return "EmulatorStack[kinesis " + kinesisEndpoint() + ", dynamodb " + dynamoDbEndpoint() + "]";
    }
}
