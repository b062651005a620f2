package com.streamproc.emulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The repository root: the nearest directory, walking up from the working directory, that holds a
 * {@code package.json} next to a {@code node_modules} directory (the npm install of the emulators).
 *
 * <p>Maven runs each module's tests with the module directory as working directory, so walking up finds
 * the root from any module. The system property {@value #PROPERTY} overrides the search.
 */
public final class ProjectRoot {

    /** System property that names the project root explicitly (skips the search). */
    public static final String PROPERTY = "streamproc.projectRoot";

    static final String KINESIS_PACKAGE = "kinesis-local";
    static final String DYNALITE_PACKAGE = "dynalite";

    private ProjectRoot() {
    }

    /** Finds the project root starting at the current working directory. */
    public static Path locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve("package.json"))) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + explicit + " has no package.json");
            }
            return root;
        }
        return locateFrom(Path.of("").toAbsolutePath());
    }

    /**
     * Walks up from {@code start} to the first directory with both {@code package.json} and
     * {@code node_modules}. Falls back to the nearest directory with a {@code package.json} only, so the
     * error about the missing install names the right directory.
     */
    public static Path locateFrom(Path start) {
        Objects.requireNonNull(start, "start");
        Path firstPackageJson = null;
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) {
                if (Files.isDirectory(dir.resolve("node_modules"))) {
                    return dir;
                }
                if (firstPackageJson == null) {
                    firstPackageJson = dir;
                }
            }
        }
        if (firstPackageJson != null) {
            return firstPackageJson;
        }
        throw new IllegalStateException("No package.json found in " + start.toAbsolutePath().normalize()
                + " or any parent directory: run the tests from inside the project, or set -D" + PROPERTY
                + "=<project root>");
    }

    /**
     * The directory of an npm package installed in the project root, failing with instructions when it
     * is missing.
     */
    public static Path requirePackage(Path projectRoot, String packageName) {
        Path dir = projectRoot.resolve("node_modules").resolve(packageName);
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            throw new IllegalStateException("The npm package '" + packageName + "' is not installed in "
                    + projectRoot + ": run `npm ci` in the project root (" + projectRoot
                    + ") to install the local emulators (kinesis-local, dynalite)");
        }
        return dir;
    }
}
