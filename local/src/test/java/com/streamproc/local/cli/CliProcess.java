package com.streamproc.local.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI jar as a separate process from the project root, as a user would. */
final class CliProcess {
    /** Exit code and output of one run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private CliProcess() {
    }

    static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    static Path jar() {
        String configured = System.getProperty("streamproc.local.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "streamproc-local.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run the integration tests with mvn verify");
        }
        return jar;
    }

    static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process process = new ProcessBuilder(command).directory(projectRoot().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", args) + "` did not finish within " + timeoutSeconds
                        + " s; output:\n" + Files.readString(out) + "\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
