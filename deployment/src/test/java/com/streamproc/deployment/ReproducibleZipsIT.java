package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment zips are reproducible: a second build of the same sources, in another directory (so every file is
 * written anew, at another time), gives byte-identical zips. {@code sam package} names an upload by the zip's
 * checksum and a changed CodeUri publishes a new SnapStart version, so a rebuild without a source change must change
 * nothing. What makes it so: {@code project.build.outputTimestamp} in the root pom (the time of every entry, the
 * entries' order and modes in every jar and zip).
 */
class ReproducibleZipsIT {
    /** Not copied: build output, installed emulators, version control and local-stack state. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git", ".local-stack",
            ".idea", ".vscode");

    @TempDir
    Path copy;

    @Test
    void aSecondBuildOfTheSameSourcesGivesByteIdenticalZips() throws Exception {
        Path root = ProjectFiles.root();
        List<String> modules = new ArrayList<>();
        List<Path> firstBuild = new ArrayList<>();
        for (DeployedFunction function : DeployedFunction.ALL) {
            String codeUri = (String) ProjectFiles.template().properties(function.logicalId()).get("CodeUri");
            Path zip = root.resolve(codeUri);
            assertThat(zip).as("%s: run `mvn package` first", codeUri).isRegularFile();
            firstBuild.add(zip);
            modules.add("functions/" + function.name());
        }
        copySources(root, copy);

        // Offline: the first build resolved every plugin and dependency this one needs.
        Path log = copy.resolve("second-build.log");
        Process build = new ProcessBuilder("mvn", "-o", "-B", "-q", "-DskipTests", "-pl", String.join(",", modules),
                "-am", "package")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = build.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }
        assertThat(finished).as("second build finished within 10 minutes").isTrue();
        assertThat(build.exitValue()).as("second build failed:%n%s", Files.readString(log)).isZero();

        for (Path first : firstBuild) {
            Path second = copy.resolve(root.relativize(first));
            String firstSum = sha256(first);
            String secondSum = sha256(second);
            System.out.printf("%s: first build %s, second build %s%n", root.relativize(first), firstSum, secondSum);
            assertThat(second).as("second build's %s", root.relativize(first)).isRegularFile();
            assertThat(secondSum).as("%s differs between two builds of the same sources; first differing entry: %s",
                    root.relativize(first), firstDifference(first, second)).isEqualTo(firstSum);
        }
    }

    /** The project's sources, as a build sees them: everything but the skipped directories. */
    private static void copySources(Path root, Path target) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(root.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.copy(file, target.resolve(root.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first entry whose name, position, time or content differs, for the failure message. */
    private static String firstDifference(Path first, Path second) {
        List<String> a = describe(first);
        List<String> b = describe(second);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "(none)";
            String right = i < b.size() ? b.get(i) : "(none)";
            if (!left.equals(right)) {
                return "#" + i + ": " + left + " vs " + right;
            }
        }
        return "(entries equal; the difference is in the zip's own headers)";
    }

    private static List<String> describe(Path zip) {
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                digest.reset();
                byte[] content = in.readAllBytes();
                entries.add(entry.getName() + " time=" + entry.getTime() + " sha256="
                        + HexFormat.of().formatHex(digest.digest(content)).substring(0, 12));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }
}
