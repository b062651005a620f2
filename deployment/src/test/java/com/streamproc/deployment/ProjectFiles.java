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

    static SamTemplate template() {
        return SamTemplate.load(root().resolve("sam-template.yaml"));
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
