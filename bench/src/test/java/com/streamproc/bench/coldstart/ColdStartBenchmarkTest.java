package com.streamproc.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.bench.BenchFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartBenchmarkTest {
    @TempDir
    Path temp;

    @Test
    void parsesTheLaunchersResultLine() {
        ColdStartBenchmark.Run run = ColdStartBenchmark.parse(
                "COLDSTART init_ms=471.5 deserialize_ms=20.25 invoke_ms=270.0 records=9 failures=0", 982.0);

        assertThat(run).isEqualTo(new ColdStartBenchmark.Run(982.0, 471.5, 20.25, 270.0, 0));
    }

    @Test
    void writesEveryLauncherClassForTheChildJvm() throws IOException {
        Path directory = ColdStartBenchmark.writeLauncher(temp.resolve("launcher"));

        for (String name : ColdStartBenchmark.LAUNCHER_CLASSES) {
            assertThat(directory.resolve(name)).isRegularFile();
        }
        assertThat(ColdStartBenchmark.LAUNCHER_CLASSES)
                .contains(ColdStartLauncher.class.getName().replace('.', '/') + ".class",
                        HelloHandler.class.getName().replace('.', '/') + ".class");
    }

    @Test
    void theFirstSampleBatchIsTheFirstJsonFileByName() throws IOException {
        Path events = Files.createDirectories(temp.resolve("events").resolve(BenchFunction.byId("orders").moduleName()));
        Files.writeString(events.resolve("poison.json"), "{}");
        Files.writeString(events.resolve("clean-lifecycle.json"), "{}");
        Files.writeString(events.resolve("aaa.jsonl"), "{}");

        assertThat(ColdStartBenchmark.firstSampleBatch(temp, BenchFunction.byId("orders")).getFileName().toString())
                .isEqualTo("clean-lifecycle.json");
    }

    @Test
    void unpacksADeploymentZipInLambdasLayout() throws IOException {
        Path zip = temp.resolve("f.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "com/example/Handler.class", "class");
            entry(out, "lib/dep.jar", "jar");
        }
        Files.createDirectories(temp.resolve("code"));
        Files.writeString(temp.resolve("code").resolve("stale.txt"), "left from an older run");

        Path code = ColdStartBenchmark.unzip(zip, temp.resolve("code"));

        assertThat(code.resolve("com/example/Handler.class")).hasContent("class");
        assertThat(code.resolve("lib/dep.jar")).hasContent("jar");
        assertThat(code.resolve("stale.txt")).doesNotExist();
    }

    @Test
    void listsTheLargestEntriesOfTheZipFirst() throws IOException {
        Path zip = temp.resolve("f.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "lib/small.jar", "x");
            entry(out, "lib/big.jar", "x".repeat(100));
            entry(out, "Handler.class", "x".repeat(10));
        }

        assertThat(ColdStartBenchmark.largestEntries(zip, 2)).containsExactly(
                new ColdStartBenchmark.ZipEntrySize("lib/big.jar", 100),
                new ColdStartBenchmark.ZipEntrySize("Handler.class", 10));
    }

    @Test
    void refusesAZipEntryOutsideTheTargetDirectory() throws IOException {
        Path zip = temp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "../escaped.txt", "x");
        }

        assertThatThrownBy(() -> ColdStartBenchmark.unzip(zip, temp.resolve("code")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream stream = out;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
