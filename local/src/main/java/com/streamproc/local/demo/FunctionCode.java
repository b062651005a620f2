package com.streamproc.local.demo;

import com.streamproc.local.runtime.CodeBundle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A function's own deployment (its unpacked zip) in a class loader of its own, and its {@code FunctionDescriptor}
 * found there with {@code ServiceLoader}, as the function's code sees it. Its traffic generator
 * ({@code StreamTraffic}), which the zip leaves out, comes from its module jar next to the zip, in a child loader. This module compiles against neither the
 * functions nor shared-model: it talks to a function only through shared-model's contract
 * ({@code com.streamproc.shared.function}: {@code FunctionDescriptors.all}, {@code FunctionDescriptor},
 * {@code TemplateIds}, {@code AnalystQuestions}), whose classes in that loader are the function's copies, so the
 * calls go through the contract's methods reflectively ({@code FunctionCodeTest} holds these names to the
 * contract). A DynamoDB client for the questions is built by the function's own SDK.
 */
final class FunctionCode implements AutoCloseable {
    static final String CONTRACT = "com.streamproc.shared.function.";
    static final String DESCRIPTORS = CONTRACT + "FunctionDescriptors";
    static final String DESCRIPTOR = CONTRACT + "FunctionDescriptor";
    static final String TEMPLATE_IDS = CONTRACT + "TemplateIds";
    static final String QUESTIONS = CONTRACT + "AnalystQuestions";
    static final String TRAFFIC = "com.streamproc.shared.traffic.";
    static final String STREAM_TRAFFIC = TRAFFIC + "StreamTraffic";
    static final String SHAPE = TRAFFIC + "TrafficShape";
    static final String GENERATED = TRAFFIC + "Traffic";
    static final String RECORD = TRAFFIC + "TrafficRecord";
    static final String EFFECTS = TRAFFIC + "TrafficEffects";
    static final String SYNTHETIC_EVENTS_SERVICE = "META-INF/services/" + CONTRACT + "SyntheticEvents";

    private final URLClassLoader loader;
    private final Object descriptor;
    private final Class<?> descriptorType;
    private final Path moduleDirectory;
    private URLClassLoader trafficLoader;

    private FunctionCode(URLClassLoader loader, Object descriptor, Class<?> descriptorType, Path moduleDirectory) {
        this.loader = loader;
        this.descriptor = descriptor;
        this.descriptorType = descriptorType;
        this.moduleDirectory = moduleDirectory;
    }

    /**
     * Unpacks {@code zip} into {@code directory/task} (as the stack does before a function's first start) and loads
     * the descriptor of the function it holds.
     *
     * @throws IllegalStateException when the zip holds no descriptor, or more than one
     */
    static FunctionCode open(Path zip, Path directory) throws Exception {
        Path taskRoot = CodeBundle.unpack(zip, directory);
        List<URL> urls = new ArrayList<>();
        urls.add(taskRoot.toUri().toURL());
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            Class<?> descriptors = loader.loadClass(DESCRIPTORS);
            List<?> found = (List<?>) invoke(descriptors, null, "all", loader);
            if (found.size() != 1) {
                throw new IllegalStateException(zip.getFileName() + " holds " + found.size()
                        + " function descriptors, expected one");
            }
            return new FunctionCode(loader, found.get(0), loader.loadClass(DESCRIPTOR),
                    zip.toAbsolutePath().getParent());
        } catch (Exception | LinkageError e) {
            loader.close();
            throw e instanceof Exception ex ? ex : new IllegalStateException(e);
        }
    }

    /** {@code FunctionDescriptor.name()}. */
    String name() throws Exception {
        return (String) invoke(descriptorType, descriptor, "name");
    }

    /** {@code FunctionDescriptor.eventType()}. */
    String eventType() throws Exception {
        return (String) invoke(descriptorType, descriptor, "eventType");
    }

    /** {@code FunctionDescriptor.tableVariable()}. */
    String tableVariable() throws Exception {
        return (String) invoke(descriptorType, descriptor, "tableVariable");
    }

    /** {@code TemplateIds.function()} of the descriptor's {@code templateIds()}. */
    String logicalId() throws Exception {
        Object ids = invoke(descriptorType, descriptor, "templateIds");
        return (String) invoke(loader.loadClass(TEMPLATE_IDS), ids, "function");
    }

    /**
     * The function's answers to its analysts' questions ({@code AnalystQuestions}), on a client for
     * {@code endpoint}; empty when it declares none.
     */
    Optional<List<String>> answers(URI endpoint, String region, Map<String, String> environment,
                                   List<String> examples) throws Exception {
        Class<?> descriptors = loader.loadClass(DESCRIPTORS);
        Optional<?> questions = (Optional<?>) invoke(descriptors, null, "questionsOf", name(), loader);
        if (questions.isEmpty()) {
            return Optional.empty();
        }
        Object dynamoDb = dynamoDbClient(endpoint, region);
        try {
            List<?> lines = (List<?>) invoke(loader.loadClass(QUESTIONS), questions.get(),
                    "answer", dynamoDb, environment, examples);
            return Optional.of(lines.stream().map(String::valueOf).toList());
        } finally {
            if (dynamoDb instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * The function's traffic generator, from its module jar (the {@code .jar} beside its zip that lists a
     * {@code SyntheticEvents} service), when the jar exists and its generator is a {@code StreamTraffic}.
     */
    Optional<Generator> traffic() throws Exception {
        Optional<Path> jar = moduleJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        if (trafficLoader == null) {
            trafficLoader = new URLClassLoader(new URL[] {jar.get().toUri().toURL()}, loader);
        }
        Class<?> descriptors = trafficLoader.loadClass(DESCRIPTORS);
        Optional<?> events = (Optional<?>) invoke(descriptors, null, "eventsOf", name(), trafficLoader);
        Class<?> streamTraffic = trafficLoader.loadClass(STREAM_TRAFFIC);
        return events.filter(streamTraffic::isInstance).map(Generator::new);
    }

    private Optional<Path> moduleJar() throws Exception {
        if (moduleDirectory == null || !Files.isDirectory(moduleDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(moduleDirectory)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    if (file.getEntry(SYNTHETIC_EVENTS_SERVICE) != null) {
                        return Optional.of(jar);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** One run of a generator: the records as the function's loader made them, and what they are. */
    record Generated(List<?> records, List<String> examples, String description) {
    }

    /** A function's {@code StreamTraffic}, called through the contract's methods. */
    final class Generator {
        private final Object traffic;

        private Generator(Object traffic) {
            this.traffic = traffic;
        }

        /** {@code StreamTraffic.share()}. */
        double share() throws Exception {
            return (Double) invoke(trafficLoader.loadClass(STREAM_TRAFFIC), traffic, "share");
        }

        /** {@code traffic(typical(count, seed).endingAt(end))}. */
        Generated typicalEndingAt(int count, long seed, java.time.Instant end) throws Exception {
            Class<?> type = trafficLoader.loadClass(STREAM_TRAFFIC);
            Object shape = invoke(type, traffic, "typical", count, seed);
            shape = invoke(trafficLoader.loadClass(SHAPE), shape, "endingAt", end);
            Object generated = invoke(type, traffic, "traffic", shape);
            Class<?> generatedType = trafficLoader.loadClass(GENERATED);
            List<?> examples = (List<?>) invoke(generatedType, generated, "examples");
            return new Generated((List<?>) invoke(generatedType, generated, "records"),
                    examples.stream().map(String::valueOf).toList(),
                    (String) invoke(generatedType, generated, "description"));
        }
    }

    /** {@code TrafficRecord.partitionKey()} of a generated record. */
    String partitionKey(Object record) throws Exception {
        return (String) invoke(trafficLoader.loadClass(RECORD), record, "partitionKey");
    }

    /** {@code TrafficRecord.data()} of a generated record. */
    byte[] data(Object record) throws Exception {
        return (byte[]) invoke(trafficLoader.loadClass(RECORD), record, "data");
    }

    /** {@code TrafficRecord.expected()} of a generated record. */
    String expected(Object record) throws Exception {
        return (String) invoke(trafficLoader.loadClass(RECORD), record, "expected");
    }

    /**
     * For each generated record, whether {@code table} shows it applied ({@code TrafficEffects.applied}, on a client
     * for {@code endpoint}).
     */
    List<Boolean> applied(URI endpoint, String region, String table, List<?> records, List<String> shardIds,
                          List<String> sequenceNumbers) throws Exception {
        Object dynamoDb = dynamoDbClient(endpoint, region);
        try {
            List<?> applied = (List<?>) invoke(trafficLoader.loadClass(EFFECTS), null, "applied", dynamoDb, table,
                    records, shardIds, sequenceNumbers);
            return applied.stream().map(Boolean.class::cast).toList();
        } finally {
            if (dynamoDb instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private Object dynamoDbClient(URI endpoint, String region) throws Exception {
        Class<?> clientType = loader.loadClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
        Object builder = clientType.getMethod("builder").invoke(null);
        Class<?> awsBuilder = loader.loadClass("software.amazon.awssdk.awscore.client.builder.AwsClientBuilder");
        invoke(loader.loadClass("software.amazon.awssdk.core.client.builder.SdkClientBuilder"), builder,
                "endpointOverride", endpoint);
        Object regionValue = invoke(loader.loadClass("software.amazon.awssdk.regions.Region"), null, "of", region);
        invoke(awsBuilder, builder, "region", regionValue);
        Object credentials = invoke(loader.loadClass("software.amazon.awssdk.auth.credentials.AwsBasicCredentials"),
                null, "create", "local", "local");
        Object provider = invoke(loader.loadClass("software.amazon.awssdk.auth.credentials.StaticCredentialsProvider"),
                null, "create", credentials);
        invoke(awsBuilder, builder, "credentialsProvider", provider);
        return invoke(loader.loadClass("software.amazon.awssdk.utils.builder.SdkBuilder"), builder, "build");
    }

    /** Calls the first public method of {@code declaring} named {@code name} that accepts {@code args}. */
    private static Object invoke(Class<?> declaring, Object target, String name, Object... args) throws Exception {
        for (Method method : declaring.getMethods()) {
            if (!method.getName().equals(name) || method.getParameterCount() != args.length) {
                continue;
            }
            Class<?>[] types = method.getParameterTypes();
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = boxed(types[i]).isInstance(args[i]);
            }
            if (fits) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        }
        throw new NoSuchMethodException(declaring.getName() + "." + name);
    }

    /** The wrapper class of a primitive parameter type (what reflection takes for it), else the type itself. */
    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == double.class
                ? Double.class : type == boolean.class ? Boolean.class : type;
    }

    @Override
    public void close() throws Exception {
        try {
            if (trafficLoader != null) {
                trafficLoader.close();
            }
        } finally {
            loader.close();
        }
    }
}
