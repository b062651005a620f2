package com.streamproc.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard output with the functions' batch log lines taken out: what {@code JsonLinesBatchObserver} writes per
 * batch (the {@code "batch processed"} JSON line, kept for the test, and the metrics line, dropped). Everything else
 * goes on to the original stream.
 *
 * <p>The production observer binds {@code System.out} when a handler is built, so {@link #install()} must come
 * before the handler is.
 */
public final class BatchLogCapture extends PrintStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original;
    private final List<JsonNode> batchLines = new ArrayList<>();

    private BatchLogCapture(PrintStream original) {
        super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.original = original;
    }

    /** Replaces {@code System.out} until {@link #close()}. */
    public static BatchLogCapture install() {
        BatchLogCapture capture = new BatchLogCapture(System.out);
        System.setOut(capture);
        return capture;
    }

    /** The batch log lines written since the last call, parsed. */
    public synchronized List<JsonNode> takeBatchLines() {
        List<JsonNode> lines = new ArrayList<>(batchLines);
        batchLines.clear();
        return lines;
    }

    @Override
    public synchronized void println(String line) {
        if (line != null && line.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(line);
                if ("batch processed".equals(node.path("message").asText())) {
                    batchLines.add(node);
                    return;
                }
                if (node.has("_aws")) {
                    return;
                }
            } catch (IOException notJson) {
                // not a line of ours: passed on below
            }
        }
        original.println(line);
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    @Override
    public void print(String s) {
        original.print(s);
    }

    @Override
    public void println() {
        original.println();
    }

    @Override
    public void write(int b) {
        original.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        original.write(buf, off, len);
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        return original.printf(format, args);
    }

    @Override
    public void flush() {
        original.flush();
    }

    /** Puts the original stream back. */
    @Override
    public void close() {
        if (System.out == this) {
            System.setOut(original);
        }
    }
}
