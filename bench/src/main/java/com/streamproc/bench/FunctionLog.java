package com.streamproc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A file that takes the JSON log and metric lines a production-wired function writes to standard output (one pair
 * per batch), so that they do not flood the driver's console. The functions bind {@code System.out} when they are
 * built, so only the building runs with standard output swapped.
 */
public final class FunctionLog implements AutoCloseable {
    private final PrintStream stream;

    public FunctionLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file);
            this.stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code build} with {@code System.out} pointing at this log. */
    public synchronized <T> T building(Supplier<T> build) {
        PrintStream original = System.out;
        System.setOut(stream);
        try {
            return build.get();
        } finally {
            System.setOut(original);
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
