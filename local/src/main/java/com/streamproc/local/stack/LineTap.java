package com.streamproc.local.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Passes bytes on to a log file unchanged and hands each complete line (UTF-8, without its line end) to a reader:
 * how the stack hears what a function logs (its "batch processed" lines) while the log file stays as it was.
 */
final class LineTap extends OutputStream {
    private final OutputStream out;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineTap(OutputStream out, Consumer<String> lines) {
        this.out = Objects.requireNonNull(out, "out");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        take((byte) b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            take(bytes[i]);
        }
    }

    private void take(byte b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        line.reset();
        try {
            lines.accept(new String(bytes, 0, length, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A reader's bug must not cost the log its lines.
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
