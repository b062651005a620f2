package com.streamproc.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of a function JVM, outside the function's own code: the AWS Lambda Java runtime interface client
 * and its dependencies (shipped inside this jar under {@value #RESOURCE_DIR}, listed in its {@code index.txt}) and
 * {@link LambdaBootstrap}. Extracted once into a directory; the function's zip is not on it: the runtime client
 * loads the handler from the task root ({@code user.dir}) and its {@code lib/*.jar}, as on Lambda.
 */
public final class LambdaRuntimeFiles {
    static final String RESOURCE_DIR = "/com/streamproc/local/lambda-runtime/";
    private static final Object LOCK = new Object();

    private LambdaRuntimeFiles() {
    }

    /** Extracts (if needed) into {@code directory} and returns the class path entries, bootstrap first. */
    public static List<Path> prepare(Path directory) {
        synchronized (LOCK) {
            try {
                Path lib = directory.resolve("lib");
                Files.createDirectories(lib);
                List<Path> classPath = new ArrayList<>();
                classPath.add(extractBootstrap(directory.resolve("bootstrap")));
                for (String jar : jarNames()) {
                    Path target = lib.resolve(jar);
                    extract(RESOURCE_DIR + jar, target);
                    classPath.add(target);
                }
                return classPath;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the Lambda runtime files in " + directory, e);
            }
        }
    }

    /** File names of the runtime jars, from the index written at build time. */
    static List<String> jarNames() throws IOException {
        try (InputStream in = LambdaRuntimeFiles.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("the Lambda runtime interface client is missing from this build ("
                        + RESOURCE_DIR + "index.txt): rebuild with mvn package");
            }
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            for (String entry : index.split("[:;\\r\\n]+")) {
                String name = entry.trim();
                int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                name = name.substring(slash + 1);
                if (name.endsWith(".jar")) {
                    names.add(name);
                }
            }
            if (names.stream().noneMatch(n -> n.startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("the runtime interface client is not listed in " + RESOURCE_DIR
                        + "index.txt");
            }
            return names;
        }
    }

    private static Path extractBootstrap(Path directory) throws IOException {
        String resource = "/" + LambdaBootstrap.class.getName().replace('.', '/') + ".class";
        Path target = directory.resolve(resource.substring(1));
        extract(resource, target);
        return directory;
    }

    private static void extract(String resource, Path target) throws IOException {
        try (InputStream in = LambdaRuntimeFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing from this build");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
