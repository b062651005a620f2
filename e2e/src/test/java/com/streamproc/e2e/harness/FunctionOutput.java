package com.streamproc.e2e.harness;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the handlers' standard output goes in these tests: a file under {@code target/e2e/}, as CloudWatch would
 * keep it. The functions' observers bind {@code System.out} when they are built, so a handler built while
 * {@code System.out} points at the file keeps writing there.
 */
public final class FunctionOutput {
    private FunctionOutput() {
    }

    public static PrintStream file(String name) {
        try {
            Path directory = Path.of("target", "e2e");
            Files.createDirectories(directory);
            return new PrintStream(new FileOutputStream(directory.resolve(name).toFile(), true), true,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
