package com.streamproc.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A function's deployment zip unpacked into its task root, as Lambda does before the first start. */
public final class CodeBundle {
    private static final String STAMP = ".unpacked-from";

    private CodeBundle() {
    }

    /**
     * Unpacks {@code zip} into {@code directory/task} unless that already holds this very zip (same path, size and
     * modification time), and returns the task root.
     *
     * @throws IllegalStateException with the build command when the zip does not exist
     */
    public static Path unpack(Path zip, Path directory) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the function's deployment zip " + zip + " does not exist: build it with"
                    + " `mvn -q -DskipTests package` in the project root");
        }
        Path task = directory.resolve("task");
        try {
            String stamp = zip.toAbsolutePath() + "|" + Files.size(zip) + "|" + Files.getLastModifiedTime(zip).toMillis();
            Path stampFile = directory.resolve(STAMP);
            synchronized (CodeBundle.class) {
                if (Files.isDirectory(task) && Files.isRegularFile(stampFile)
                        && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                    return task;
                }
                deleteTree(task);
                Files.createDirectories(task);
                extract(zip, task);
                Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
                return task;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + task, e);
        }
    }

    private static void extract(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
