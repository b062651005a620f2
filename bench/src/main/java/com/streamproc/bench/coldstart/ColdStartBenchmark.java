package com.streamproc.bench.coldstart;

import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.report.Numbers;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Cold start: a fresh JVM with Lambda's JVM flags loads the handler from the unpacked deployment zip (root and
 * {@code lib/*}, Lambda's Java layout), deserializes the function's first sample batch with the runtime's serializer
 * and processes it against dynalite with freshly created tables; the baseline is {@link HelloHandler} measured the
 * same way, with the same flags, event file and launcher. After one unmeasured pair, function and baseline runs alternate; medians of N.
 */
public final class ColdStartBenchmark {
    /** Lambda's Java runtime flags for a 1024 MB function (heap 85 %, serial GC, CDS) plus the template's C1-only flags. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx870m", "-Xshare:auto");
    /** Launcher and baseline classes copied out of this jar for the child JVMs. */
    static final List<String> LAUNCHER_CLASSES = List.of(
            "com/streamproc/bench/coldstart/ColdStartLauncher.class",
            "com/streamproc/bench/coldstart/ColdStartLauncher$LauncherContext.class",
            "com/streamproc/bench/coldstart/ColdStartLauncher$StderrLogger.class",
            "com/streamproc/bench/coldstart/HelloHandler.class");
    private static final long RUN_TIMEOUT_SECONDS = 120;

    /** One child JVM: wall time from spawn to its result line, and what it reported. */
    public record Run(double totalMillis, double initMillis, double deserializeMillis, double invokeMillis,
                      int failures) {
    }

    /** An entry of the deployment zip and its size in bytes (uncompressed; jars inside are compressed already). */
    public record ZipEntrySize(String name, long bytes) {
    }

    /** @param largestEntries the zip's biggest entries, largest first: what the artifact size is made of */
    public record Result(BenchFunction function, Path eventFile, long artifactBytes, List<ZipEntrySize> largestEntries,
                         List<Run> functionRuns, List<Run> helloRuns) {
        public double functionMedianMillis() {
            return Numbers.median(functionRuns.stream().map(Run::totalMillis).toList());
        }

        public double helloMedianMillis() {
            return Numbers.median(helloRuns.stream().map(Run::totalMillis).toList());
        }

        public double ratio() {
            return functionMedianMillis() / helloMedianMillis();
        }

        public double medianInitMillis() {
            return Numbers.median(functionRuns.stream().map(Run::initMillis).toList());
        }

        public double medianInvokeMillis() {
            return Numbers.median(functionRuns.stream().map(Run::invokeMillis).toList());
        }

        public int failedResponses() {
            return (int) functionRuns.stream().filter(r -> r.failures() != 0).count();
        }
    }

    private final EmulatorStack stack;
    private final Path projectRoot;
    private final Path workDirectory;
    private final Path coldstartLib;
    private final Path logDirectory;

    /**
     * @param workDirectory where zips are unpacked and the launcher is written
     * @param coldstartLib  the Lambda core, events and serialization jars (bench/target/coldstart-lib)
     */
    public ColdStartBenchmark(EmulatorStack stack, Path projectRoot, Path workDirectory, Path coldstartLib,
                              Path logDirectory) {
        this.stack = stack;
        this.projectRoot = projectRoot;
        this.workDirectory = workDirectory;
        this.coldstartLib = coldstartLib;
        this.logDirectory = logDirectory;
    }

    public static Path deploymentZip(Path projectRoot, BenchFunction function) {
        return projectRoot.resolve("functions").resolve(function.moduleName()).resolve("target")
                .resolve(function.moduleName() + "-lambda.zip");
    }

    /** The function's first sample batch: the first {@code events/<module>/*.json} by name. */
    public static Path firstSampleBatch(Path projectRoot, BenchFunction function) throws IOException {
        try (Stream<Path> files = Files.list(projectRoot.resolve("events").resolve(function.moduleName()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no sample batch in events/" + function.moduleName()));
        }
    }

    public Result run(BenchFunction function, int runs) throws IOException, InterruptedException {
        Path zip = deploymentZip(projectRoot, function);
        Path code = unzip(zip, workDirectory.resolve(function.moduleName()));
        Path launcher = writeLauncher(workDirectory.resolve("launcher"));
        Path event = firstSampleBatch(projectRoot, function);
        String functionClassPath = String.join(java.io.File.pathSeparator, launcher.toString(),
                serializationJar().toString(), code.toString(), code.resolve("lib").resolve("*").toString());
        String helloClassPath = String.join(java.io.File.pathSeparator, launcher.toString(),
                coldstartLib.resolve("*").toString());
        // One unmeasured pair first: it brings the jars into the page cache, which a measured run must not pay for
        // once and the others not.
        Map<String, String> warmEnv = freshTables(function, "cold-" + function.id() + "-warm");
        launch(functionClassPath, function.handlerClass(), event, warmEnv, function.id() + "-warm");
        launch(helloClassPath, HelloHandler.class.getName(), event, warmEnv, "hello-" + function.id() + "-warm");
        List<Run> functionRuns = new ArrayList<>();
        List<Run> helloRuns = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, String> env = freshTables(function, "cold-" + function.id() + "-" + i);
            // Alternate which goes first, so neither always runs on a cooler machine.
            if (i % 2 == 0) {
                functionRuns.add(launch(functionClassPath, function.handlerClass(), event, env, function.id() + "-" + i));
                helloRuns.add(launch(helloClassPath, HelloHandler.class.getName(), event, env, "hello-" + function.id() + "-" + i));
            } else {
                helloRuns.add(launch(helloClassPath, HelloHandler.class.getName(), event, env, "hello-" + function.id() + "-" + i));
                functionRuns.add(launch(functionClassPath, function.handlerClass(), event, env, function.id() + "-" + i));
            }
        }
        return new Result(function, projectRoot.relativize(event), Files.size(zip), largestEntries(zip, 6),
                functionRuns, helloRuns);
    }

    private Map<String, String> freshTables(BenchFunction function, String environmentName) {
        StackTables tables = StackTables.read(projectRoot, environmentName);
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient(); KinesisClient kinesis = stack.kinesisClient()) {
            ResourceFactory factory = new ResourceFactory(dynamoDb, kinesis);
            tables.tables(function.tableLogicalIds()).forEach(factory::createTable);
        }
        Map<String, String> env = new LinkedHashMap<>(stack.awsEnvironment());
        env.putAll(function.environment(tables));
        return env;
    }

    private Run launch(String classPath, String handlerClass, Path event, Map<String, String> env, String name)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(classPath);
        command.add(ColdStartLauncher.class.getName());
        command.add(handlerClass);
        command.add(event.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        // Only what Lambda would set: no inherited variables (JAVA_TOOL_OPTIONS among them).
        builder.environment().clear();
        builder.environment().putAll(env);
        Files.createDirectories(logDirectory);
        builder.redirectError(logDirectory.resolve("coldstart-" + name + ".err").toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        String result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(ColdStartLauncher.RESULT_PREFIX)) {
                    result = line;
                    break;
                }
                output.add(line);
            }
        }
        double total = (System.nanoTime() - start) / 1e6;
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + ": the child JVM did not exit");
        }
        Files.write(logDirectory.resolve("coldstart-" + name + ".out"), output);
        if (result == null) {
            throw new IllegalStateException(name + ": no result line; exit code " + process.exitValue() + ", see "
                    + logDirectory.resolve("coldstart-" + name + ".err"));
        }
        return parse(result, total);
    }

    static Run parse(String line, double totalMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.substring(ColdStartLauncher.RESULT_PREFIX.length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Run(totalMillis, Double.parseDouble(fields.get("init_ms")),
                Double.parseDouble(fields.get("deserialize_ms")), Double.parseDouble(fields.get("invoke_ms")),
                Integer.parseInt(fields.get("failures")));
    }

    private Path serializationJar() throws IOException {
        try (Stream<Path> files = Files.list(coldstartLib)) {
            return files.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-serialization-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no aws-lambda-java-serialization jar in " + coldstartLib + ": build the bench module"));
        }
    }

    /** Copies the launcher and baseline classes out of the running code into {@code directory}. */
    static Path writeLauncher(Path directory) throws IOException {
        for (String name : LAUNCHER_CLASSES) {
            Path target = directory.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("class file " + name + " is not on the class path");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }

    static List<ZipEntrySize> largestEntries(Path zip, int count) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return file.stream().filter(e -> !e.isDirectory())
                    .map(e -> new ZipEntrySize(e.getName(), e.getSize()))
                    .sorted(Comparator.comparingLong(ZipEntrySize::bytes).reversed().thenComparing(ZipEntrySize::name))
                    .limit(count).toList();
        }
    }

    /** Unpacks {@code zip} into an emptied {@code directory}, as Lambda unpacks a deployment package. */
    static Path unzip(Path zip, Path directory) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no deployment zip " + zip + ": run `mvn -q -DskipTests package` first");
        }
        deleteRecursively(directory);
        Files.createDirectories(directory);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IllegalStateException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return directory;
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
