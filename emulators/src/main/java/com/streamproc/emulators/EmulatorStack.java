package com.streamproc.emulators;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Local Kinesis and DynamoDB endpoints, with client factories and creation of the resources of
 * {@code sam-template.yaml}. Two backends:
 * <ul>
 *   <li>{@link NodeEmulatorStack}: kinesis-mock and dynalite as child processes (the default, no Docker);</li>
 *   <li>{@link LocalStackStack}: a LocalStack (or LocalStack-compatible) container through Testcontainers,
 *       chosen by {@code -Dstreamproc.backend=localstack} (the {@code localstack} Maven profile).</li>
 * </ul>
 *
 * <pre>
 * try (EmulatorStack stack = EmulatorStack.start();
 *      DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
 *     Map&lt;String, String&gt; names = stack.createTemplateResources();
 *     dynamoDb.putItem(b -&gt; b.tableName(names.get("OrdersTable")).item(...));
 * }
 * </pre>
 * In JUnit tests prefer {@link EmulatorStackExtension}, which shares one stack per JVM and picks the backend.
 */
public abstract sealed class EmulatorStack implements AutoCloseable permits NodeEmulatorStack, LocalStackStack {

    /** The template at the project root that {@link #createTemplateResources()} reads. */
    public static final String SAM_TEMPLATE = "sam-template.yaml";

    private final Path projectRoot;
    private final Map<String, Map<String, String>> created = new ConcurrentHashMap<>();

    EmulatorStack(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    /** Starts kinesis-mock and dynalite from the project root found from the working directory. */
    public static NodeEmulatorStack start() {
        return NodeEmulatorStack.startProcesses(ProjectRoot.locate(), EmulatorProcess.defaultLogDirectory(), Duration.ofSeconds(60));
    }

    /** Starts kinesis-mock and dynalite (in parallel); if one fails, the other is stopped again. */
    public static NodeEmulatorStack start(Path projectRoot, Path logDirectory, Duration startupTimeout) {
        return NodeEmulatorStack.startProcesses(projectRoot, logDirectory, startupTimeout);
    }

    /** Plain-HTTP Kinesis endpoint. */
    public abstract URI kinesisEndpoint();

    /** DynamoDB endpoint. */
    public abstract URI dynamoDbEndpoint();

    /** What runs behind the endpoints, for messages: "kinesis-mock + dynalite" or the container image. */
    public abstract String backendDescription();

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
     * as a child process) at these endpoints.
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

    /** Directory holding package.json (and, for the node backend, node_modules) and sam-template.yaml. */
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

    /** Stops the backend. Idempotent. */
    @Override
    public abstract void close();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + backendDescription() + ": kinesis " + kinesisEndpoint()
                + ", dynamodb " + dynamoDbEndpoint() + "]";
    }
}
