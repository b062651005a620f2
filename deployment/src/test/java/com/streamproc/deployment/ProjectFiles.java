package com.streamproc.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the project's files from the module directory the tests run in. */
final class ProjectFiles {
    static final String TEMPLATE_PROPERTY = "deployment.template";

    private ProjectFiles() {
    }

    /** The directory holding sam-template.yaml: the nearest one up from the working directory. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sam-template.yaml")) && Files.isDirectory(dir.resolve("deployment"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no sam-template.yaml above " + Path.of("").toAbsolutePath());
    }

    /**
     * The template the checks read: the project's sam-template.yaml, unless the system property
     * {@value #TEMPLATE_PROPERTY} names another file. That is how e2e runs these checks on the project's template
     * plus the block of its test-only fourth function, which must never be in the deployed template.
     */
    static SamTemplate template() {
        String other = System.getProperty(TEMPLATE_PROPERTY, "");
        return SamTemplate.load(other.isBlank() ? root().resolve("sam-template.yaml") : Path.of(other));
    }

    static Path events() {
        return root().resolve("events");
    }

    /** The contents of every .java file below {@code dir} (none when it does not exist). */
    static List<String> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(ProjectFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
