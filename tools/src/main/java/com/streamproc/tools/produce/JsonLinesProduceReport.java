package com.streamproc.tools.produce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.PoisonRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes rejected and unsent events as JSON lines, one file each, created at the first line:
 * {@code {"type":"orders","origin":"orders.jsonl:12","reason":"SCHEMA_VIOLATION","detail":"...","fieldReasons":[...],"event":...}}
 * and {@code {"type":"orders","origin":...,"errorCode":"...","message":"...","retryable":false,"attempts":1,"partitionKey":"...","event":...}}.
 * The event is embedded as JSON when it is JSON, else as a string.
 *
 * <p>Never a line cut in half, however the run ends (Ctrl-C, a failure, a full disk): each line goes to the file
 * whole, in one write and unbuffered, as soon as it is known, so nothing waits in memory for a close that may
 * not come; a write that fails part-way is cut back to the end of the previous line.
 */
public final class JsonLinesProduceReport implements ProduceReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path rejectsFile;
    private final Path unsentFile;
    private LineFile rejects;
    private LineFile unsent;

    public JsonLinesProduceReport(Path rejectsFile, Path unsentFile) {
        this.rejectsFile = rejectsFile;
        this.unsentFile = unsentFile;
    }

    @Override
    public synchronized void rejected(InputEvent event, PoisonRecordException reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", event.function().eventType());
        line.put("origin", event.origin());
        line.put("reason", reason.reasonCode());
        line.put("detail", reason.detail());
        if (!reason.fieldReasons().isEmpty()) {
            reason.fieldReasons().forEach(line.putArray("fieldReasons")::add);
        }
        line.set("event", eventNode(event.data()));
        if (rejects == null) {
            rejects = LineFile.create(rejectsFile);
        }
        rejects.append(line);
    }

    @Override
    public synchronized void unsent(UnsentRecord record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", record.record().function().eventType());
        line.put("origin", record.record().origin());
        line.put("errorCode", record.errorCode());
        line.put("message", record.message());
        line.put("retryable", record.retryable());
        line.put("attempts", record.attempts());
        line.put("partitionKey", record.record().partitionKey());
        line.set("event", eventNode(record.record().data()));
        if (unsent == null) {
            unsent = LineFile.create(unsentFile);
        }
        unsent.append(line);
    }

    private static JsonNode eventNode(byte[] data) {
        try {
            JsonNode tree = JSON.readTree(data);
            if (tree != null && !tree.isMissingNode()) {
                return tree;
            }
        } catch (IOException e) {
            // not JSON: kept as text below
        }
        return JSON.getNodeFactory().textNode(new String(data, StandardCharsets.UTF_8));
    }

    /** True if any event was rejected (the rejects file exists and holds them). */
    public synchronized boolean wroteRejects() {
        return rejects != null;
    }

    public synchronized boolean wroteUnsent() {
        return unsent != null;
    }

    public Path rejectsFile() {
        return rejectsFile;
    }

    public Path unsentFile() {
        return unsentFile;
    }

    @Override
    public synchronized void close() {
        UncheckedIOException failure = null;
        for (LineFile file : new LineFile[] {rejects, unsent}) {
            if (file != null) {
                try {
                    file.close();
                } catch (UncheckedIOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A file of JSON lines, each appended in one piece or not at all. */
    private static final class LineFile {
        private final Path path;
        private final FileChannel channel;
        private long size;

        private LineFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        static LineFile create(Path file) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                return new LineFile(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        void append(JsonNode line) {
            byte[] bytes;
            try {
                // One string with its newline, so the line leaves in one write.
                bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a line of " + path, e);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer, size + buffer.position());
                }
                size += bytes.length;
            } catch (IOException e) {
                try {
                    channel.truncate(size);
                } catch (IOException ignored) {
                    // the first failure says what went wrong
                }
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path, e);
            }
        }
    }
}
