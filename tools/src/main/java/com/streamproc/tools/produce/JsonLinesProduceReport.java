package com.streamproc.tools.produce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.PoisonRecordException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rejected and unsent events as JSON lines, one file each, created at the first line:
 * {@code {"type":"orders","origin":"orders.jsonl:12","reason":"SCHEMA_VIOLATION","detail":"...","fieldReasons":[...],"event":...}}
 * and {@code {"type":"orders","origin":...,"errorCode":"...","message":"...","partitionKey":"...","event":...}}.
 * The event is embedded as JSON when it is JSON, else as a string.
 */
public final class JsonLinesProduceReport implements ProduceReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path rejectsFile;
    private final Path unsentFile;
    private BufferedWriter rejects;
    private BufferedWriter unsent;

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
        rejects = write(rejects, rejectsFile, line);
    }

    @Override
    public synchronized void unsent(UnsentRecord record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", record.record().function().eventType());
        line.put("origin", record.record().origin());
        line.put("errorCode", record.errorCode());
        line.put("message", record.message());
        line.put("partitionKey", record.record().partitionKey());
        line.set("event", eventNode(record.record().data()));
        unsent = write(unsent, unsentFile, line);
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

    private static BufferedWriter write(BufferedWriter writer, Path file, JsonNode line) {
        try {
            if (writer == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
        try {
            if (rejects != null) {
                rejects.close();
            }
            if (unsent != null) {
                unsent.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the producer's report files", e);
        }
    }
}
