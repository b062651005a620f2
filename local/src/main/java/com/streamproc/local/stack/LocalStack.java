package com.streamproc.local.stack;

import com.streamproc.emulators.AwsClients;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.local.esm.EsmCounters;
import com.streamproc.local.esm.EsmListener;
import com.streamproc.local.esm.EsmSettings;
import com.streamproc.local.esm.FailureCauses;
import com.streamproc.local.esm.MappingStatus;
import com.streamproc.local.esm.RetryLog;
import com.streamproc.local.esm.EventSourceMapping;
import com.streamproc.local.esm.FailureDestination;
import com.streamproc.local.esm.JsonLinesFailureDestination;
import com.streamproc.local.esm.SourceIdentity;
import com.streamproc.local.runtime.ExecutionEnvironment;
import com.streamproc.local.template.LocalTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The pipeline on one machine: the emulators (started here, or those of a running {@code up}), the template's
 * tables and streams (created by the emulators module from {@link StackPaths#template()}, {@code sam-template.yaml}
 * unless another is named), the functions' execution environments and their event source mappings.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * A running mapping of one function's Kinesis event source.
     *
     * @param causes what the function's log and failed invocations say about its failures (shared by the function's
     *               mappings)
     */
    public record RunningMapping(LocalTemplate.LocalFunction function, LocalTemplate.KinesisSource source,
                                 EventSourceMapping mapping, EsmCounters counters, Path failureFile,
                                 FunctionPool pool, FailureCauses causes) {
        /** This function's part of the status line (see {@link MappingStatus}). */
        public String status() {
            return MappingStatus.describe(function.logicalId(), counters, causes);
        }
    }

    private final StackPaths paths;
    private final LocalTemplate template;
    private final EmulatorStack emulators;
    private final Optional<StackState> attachedTo;
    private final URI kinesisEndpoint;
    private final URI dynamoDbEndpoint;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final List<FunctionPool> pools = new ArrayList<>();
    private final List<RunningMapping> mappings = new ArrayList<>();
    private final List<PrintStream> logs = new ArrayList<>();
    private InvokeEndpoint invokeEndpoint;

    private LocalStack(StackPaths paths, LocalTemplate template, EmulatorStack emulators, Optional<StackState> attachedTo,
                       URI kinesisEndpoint, URI dynamoDbEndpoint) {
        this.paths = paths;
        this.template = template;
        this.emulators = emulators;
        this.attachedTo = attachedTo;
        this.kinesisEndpoint = kinesisEndpoint;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.kinesis = AwsClients.kinesis(kinesisEndpoint);
        this.dynamoDb = AwsClients.dynamoDb(dynamoDbEndpoint);
    }

    /**
     * Starts the emulators (or attaches to those of a running {@code up} when {@code attach} is set and one runs)
     * and creates the template's tables and streams.
     */
    public static LocalStack start(StackPaths paths, Map<String, String> parameterOverrides, boolean attach,
                                   Consumer<String> progress) {
        if (!Files.isRegularFile(paths.template())) {
            throw new IllegalStateException("no template " + paths.templateName());
        }
        LocalTemplate template = LocalTemplate.read(paths.template(), parameterOverrides);
        Optional<StackState> running = attach ? StackState.readRunning(paths.stackFile()) : Optional.empty();
        if (running.isPresent()) {
            StackState state = running.get();
            progress.accept("using the stack of `up` (pid " + state.pid() + "): kinesis " + state.kinesisEndpoint()
                    + ", dynamodb " + state.dynamoDbEndpoint());
            LocalStack stack = new LocalStack(paths, template, null, running, state.kinesisEndpoint(),
                    state.dynamoDbEndpoint());
            try {
                new ResourceFactory(stack.dynamoDb, stack.kinesis).createAll(template.resources());
            } catch (RuntimeException e) {
                stack.close();
                throw new IllegalStateException("the stack of `up` (pid " + state.pid() + ") does not answer: "
                        + e.getMessage(), e);
            }
            return stack;
        }
        progress.accept("starting kinesis-local and dynalite (logs in " + paths.projectRoot().relativize(paths.logs())
                + ")");
        EmulatorStack emulators = EmulatorStack.start(paths.projectRoot(), paths.logs(), Duration.ofSeconds(90));
        LocalStack stack = new LocalStack(paths, template, emulators, Optional.empty(), emulators.kinesisEndpoint(),
                emulators.dynamoDbEndpoint());
        try {
            progress.accept("creating the streams and tables of " + paths.templateName());
            emulators.createResources(template.resources());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public StackPaths paths() {
        return paths;
    }

    public LocalTemplate template() {
        return template;
    }

    public URI kinesisEndpoint() {
        return kinesisEndpoint;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** Shared client, owned by the stack. */
    public KinesisClient kinesis() {
        return kinesis;
    }

    /** Shared client, owned by the stack. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public boolean attached() {
        return attachedTo.isPresent();
    }

    public String region() {
        return AwsClients.REGION.id();
    }

    /** Variables that point an SDK at these emulators. */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region());
        env.put("AWS_DEFAULT_REGION", region());
        env.put("AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesisEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        if (invokeEndpoint != null) {
            env.put("AWS_ENDPOINT_URL_LAMBDA", invokeEndpoint.uri().toString());
        }
        return env;
    }

    /** The execution environments of one function; their output goes to {@code log}. */
    public synchronized FunctionPool pool(LocalTemplate.LocalFunction function, PrintStream log, int maxEnvironments) {
        ExecutionEnvironment.Settings settings = new ExecutionEnvironment.Settings(paths.state(), awsEnvironment(),
                region(), AwsClients.ACCOUNT_ID, ExecutionEnvironment.DEFAULT_INIT_TIMEOUT, log);
        FunctionPool pool = new FunctionPool(function.definition(), settings, maxEnvironments);
        pools.add(pool);
        return pool;
    }

    /** A log file under {@code .local-stack/logs}, appended to, closed with the stack. */
    public synchronized PrintStream logFile(Path file) {
        return logFile(file, null);
    }

    /** A log file as {@link #logFile(Path)} whose every line also goes to {@code lines} (when not null). */
    public synchronized PrintStream logFile(Path file, Consumer<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (lines != null) {
                out = new LineTap(out, lines);
            }
            PrintStream stream = new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            logs.add(stream);
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Starts every function's execution environments (lazily, on the first batch) and event source mappings; the
     * functions' output goes to {@code .local-stack/logs/<LogicalId>.log}.
     */
    public synchronized List<RunningMapping> startFunctions(int environmentsPerFunction, Consumer<String> progress)
            throws Exception {
        return startFunctions(environmentsPerFunction, UnaryOperator.identity(), progress);
    }

    /**
     * As {@link #startFunctions(int, Consumer)}, each mapping with the template's settings as {@code settings} changes
     * them (tests: a short {@code MaximumRecordAgeInSeconds}, few retries), and the Lambda Invoke endpoint
     * ({@link InvokeEndpoint}) on the functions' environments: {@code AWS_ENDPOINT_URL_LAMBDA} of
     * {@link #awsEnvironment()}.
     */
    public synchronized List<RunningMapping> startFunctions(int environmentsPerFunction,
                                                            UnaryOperator<EsmSettings> settings,
                                                            Consumer<String> progress) throws Exception {
        Map<String, FunctionPool> poolsByName = new LinkedHashMap<>();
        List<InvokeEndpoint.Mapping> listed = new ArrayList<>();
        PrintStream mappingLog = logFile(paths.mappingsLog());
        for (LocalTemplate.LocalFunction function : template.functions()) {
            Path logFile = paths.functionLog(function.logicalId());
            FailureCauses causes = new FailureCauses(paths.projectRoot().relativize(logFile).toString());
            FunctionPool pool = pool(function, logFile(logFile, causes::line), environmentsPerFunction);
            poolsByName.put(function.definition().functionName(), pool);
            poolsByName.put(function.logicalId(), pool);
            for (LocalTemplate.KinesisSource source : function.kinesisSources()) {
                if (!source.enabled()) {
                    progress.accept(function.logicalId() + "." + source.eventName() + " is disabled in the template");
                    continue;
                }
                if (!source.ignoredProperties().isEmpty()) {
                    progress.accept(function.logicalId() + "." + source.eventName() + ": not emulated locally: "
                            + source.ignoredProperties());
                }
                Path failureFile = paths.failures(function.logicalId());
                FailureDestination destination = source.settings().onFailureDestination() == null
                        ? FailureDestination.NONE : new JsonLinesFailureDestination(failureFile);
                EsmCounters counters = new EsmCounters();
                SourceIdentity identity = new SourceIdentity(source.streamArn(), region(),
                        "arn:aws:iam::" + AwsClients.ACCOUNT_ID + ":role/" + function.definition().functionName()
                                + "-role",
                        function.definition().functionArn(region(), AwsClients.ACCOUNT_ID));
                RetryLog retryLog = new RetryLog(function.logicalId(), source.streamName(), causes, mappingLog::println);
                EventSourceMapping mapping = new EventSourceMapping(function.logicalId() + "." + source.eventName(),
                        settings.apply(source.settings()), identity, new KinesisShards(kinesis, source.streamName()), pool,
                        destination, EsmListener.all(counters, causes, retryLog), Clock.systemUTC(),
                        mappingLog::println);
                mapping.start();
                listed.add(new InvokeEndpoint.Mapping(UUID.nameUUIDFromBytes((function.logicalId() + "."
                        + source.eventName()).getBytes(StandardCharsets.UTF_8)).toString(),
                        identity.functionArn(), source.streamArn(), settings.apply(source.settings()).batchSize()));
                mappings.add(new RunningMapping(function, source, mapping, counters, failureFile, pool, causes));
            }
        }
        invokeEndpoint = InvokeEndpoint.start(poolsByName, listed);
        progress.accept("Lambda Invoke endpoint: " + invokeEndpoint.uri());
        return List.copyOf(mappings);
    }

    /** The Lambda Invoke endpoint of the functions, once {@link #startFunctions} ran. */
    public Optional<URI> invokeEndpoint() {
        return Optional.ofNullable(invokeEndpoint).map(InvokeEndpoint::uri);
    }

    @Override
    public synchronized void close() {
        if (invokeEndpoint != null) {
            invokeEndpoint.close();
        }
        for (RunningMapping running : mappings) {
            running.mapping().close();
        }
        for (FunctionPool pool : pools) {
            pool.close();
        }
        kinesis.close();
        dynamoDb.close();
        if (emulators != null) {
            emulators.close();
        }
        logs.forEach(PrintStream::close);
    }
}
