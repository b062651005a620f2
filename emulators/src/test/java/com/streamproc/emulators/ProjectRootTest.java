package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

    @TempDir
    Path tmp;

    @Test
    void walksUpToTheDirectoryWithPackageJsonAndNodeModules() throws IOException {
        Files.writeString(tmp.resolve("package.json"), "{}");
        Files.createDirectories(tmp.resolve("node_modules/kinesis-local"));
        Files.writeString(tmp.resolve("node_modules/kinesis-local/package.json"), "{}");
        Path module = Files.createDirectories(tmp.resolve("functions/order-processing/target"));
        // a nested package.json without node_modules (e.g. a function's own) is passed over
        Files.writeString(tmp.resolve("functions/order-processing/package.json"), "{}");

        Path root = ProjectRoot.locateFrom(module);

        assertThat(root).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(ProjectRoot.requirePackage(root, "kinesis-local")).isEqualTo(root.resolve("node_modules/kinesis-local"));
    }

    @Test
    void missingPackageTellsToRunNpmCi() throws IOException {
        Files.writeString(tmp.resolve("package.json"), "{}");
        Path module = Files.createDirectories(tmp.resolve("emulators"));

        Path root = ProjectRoot.locateFrom(module);

        assertThat(root).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThatThrownBy(() -> ProjectRoot.requirePackage(root, "dynalite"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run `npm ci` in the project root")
                .hasMessageContaining("dynalite");
    }
}
