package com.streamproc.local.runtime;

import com.streamproc.local.runtime.testfunctions.EchoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds a deployment zip of the test functions (classes at the root, as Lambda expects) and environments. */
public final class TestFunctions {
    private TestFunctions() {
    }

    /** A zip with the classes of {@code com.streamproc.local.runtime.testfunctions}. */
    public static Path zip(Path directory) throws Exception {
        Path classes = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDir = classes.resolve("com/streamproc/local/runtime/testfunctions");
        Path zip = directory.resolve("test-functions-lambda.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    static FunctionDefinition function(Path zip, String handlerClass, Duration timeout) {
        return new FunctionDefinition("TestFunction", "local-test", "com.streamproc.local.runtime.testfunctions."
                + handlerClass + "::handleRequest", zip, 256, timeout, Map.of("GREETING", "hello"), null, null);
    }

    static ExecutionEnvironment.Settings settings(Path stateDirectory, PrintStream log) {
        return new ExecutionEnvironment.Settings(stateDirectory,
                Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1"),
                "us-east-1", "000000000000", Duration.ofSeconds(60), log);
    }

    /** A log that keeps its lines. */
    static final class CapturedLog {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    bytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        List<String> lines() {
            return text().lines().toList();
        }
    }

    static void deleteQuietly(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
