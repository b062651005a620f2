package com.streamproc.bench.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the local stack's {@code demo} (java -jar local/target/streamproc-local.jar demo) in a child process from the
 * project root and parses what it prints: the whole pipeline (kinesis-local, the event source mappings, each
 * function in its own JVM under the Lambda runtime client, dynalite) end to end.
 */
public final class DemoRun {
    public static final String JAR = "local/target/streamproc-local.jar";

    public record Result(int records, long seed, int exitCode, double wallSeconds, DemoOutput output) {
    }

    private DemoRun() {
    }

    public static Result run(Path projectRoot, int records, long seed, Path log) throws IOException, InterruptedException {
        Path jar = projectRoot.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + JAR + ": run `mvn -q -DskipTests package` first");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "demo",
                "--records", Integer.toString(records), "--seed", Long.toString(seed), "--timeout", "300")
                .directory(projectRoot.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(log.getParent());
        Files.write(log, lines);
        return new Result(records, seed, process.exitValue(), wall, DemoOutput.parse(lines));
    }
}
