package com.streamproc.local.demo;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Asks the analysts' questions with the query classes the function modules ship ({@code OrderQueries},
 * {@code ActivityQueries}, {@code CustomerQueries}), loaded from the function's own deployment (its unpacked zip)
 * in a class loader of their own, with a DynamoDB client built by the function's own SDK. This module does not
 * compile against the functions: their code stays theirs.
 */
final class AnalystAnswers implements AutoCloseable {
    private final URLClassLoader loader;
    private final Object dynamoDb;

    private AnalystAnswers(URLClassLoader loader, Object dynamoDb) {
        this.loader = loader;
        this.dynamoDb = dynamoDb;
    }

    /** Opens the unpacked function code at {@code taskRoot}, with a client for {@code endpoint}. */
    static AnalystAnswers open(Path taskRoot, URI endpoint, String region) throws Exception {
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
            Object client = invoke(loader.loadClass("software.amazon.awssdk.utils.builder.SdkBuilder"), builder, "build");
            return new AnalystAnswers(loader, client);
        } catch (Exception | LinkageError e) {
            loader.close();
            throw e instanceof Exception ex ? ex : new IllegalStateException(e);
        }
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
                fits = types[i].isInstance(args[i]);
            }
            if (fits) {
                return method.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(declaring.getName() + "." + name);
    }

    /** {@code new <className>(dynamoDb, table)}. */
    Object queries(String className, String table) throws Exception {
        Class<?> type = loader.loadClass(className);
        Class<?> clientType = loader.loadClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
        return type.getConstructor(clientType, String.class).newInstance(dynamoDb, table);
    }

    /** Calls a public method by name and argument count; enum arguments may be given as their names. */
    Object ask(Object queries, String method, Object... args) throws Exception {
        for (Method candidate : queries.getClass().getMethods()) {
            if (!candidate.getName().equals(method) || candidate.getParameterCount() != args.length) {
                continue;
            }
            Object[] converted = new Object[args.length];
            Class<?>[] types = candidate.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                converted[i] = convert(types[i], args[i]);
            }
            try {
                return candidate.invoke(queries, converted);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        throw new NoSuchMethodException(queries.getClass().getSimpleName() + "." + method + " with " + args.length
                + " arguments");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Class<?> type, Object value) {
        if (type.isEnum() && value instanceof String name) {
            return Enum.valueOf((Class<? extends Enum>) type, name);
        }
        return value;
    }

    /** A readable short form of an answer: sizes for lists, presence for optionals, plain numbers. */
    static String brief(Object answer) {
        if (answer instanceof Optional<?> optional) {
            return optional.map(AnalystAnswers::brief).orElse("none");
        }
        if (answer instanceof List<?> list) {
            return list.size() + (list.size() == 1 ? " item" : " items");
        }
        if (answer instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(answer);
    }

    /** Reads a record component or getter of an answer object by name (e.g. {@code total}). */
    static Object property(Object answer, String name) throws Exception {
        return answer.getClass().getMethod(name).invoke(answer);
    }

    @Override
    public void close() throws Exception {
        if (dynamoDb instanceof AutoCloseable closeable) {
            closeable.close();
        }
        loader.close();
    }
}
