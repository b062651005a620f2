package com.streamproc.tools.failures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.tools.cli.ToolFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local stack's on-failure destination, {@code .local-stack/failures/<LogicalId>.jsonl}: one record per line, as
 * the stack's event source mapping appends them. Replayed records stay in it; their line numbers go to the sidecar
 * {@code <LogicalId>.replayed.jsonl}, so a record is never lost and never replayed twice by mistake.
 */
public final class JsonLinesFailureFile implements FailureSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Path replayedFile;
    private final Clock clock;

    public JsonLinesFailureFile(Path file, Clock clock) {
        this.file = file;
        String name = file.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        this.replayedFile = file.resolveSibling(base + ".replayed.jsonl");
        this.clock = clock;
    }

    @Override
    public List<FailureEntry> read(int limit) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Set<String> replayed = replayedLines();
        List<FailureEntry> entries = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size() && entries.size() < limit; i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String line = String.valueOf(i + 1);
                try {
                    entries.add(new FailureEntry(OnFailureRecord.parse(lines.get(i)), line, replayed.contains(line)));
                } catch (IllegalArgumentException e) {
                    throw new ToolFailure(file + " line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }

    private Set<String> replayedLines() {
        Set<String> lines = new HashSet<>();
        if (!Files.isRegularFile(replayedFile)) {
            return lines;
        }
        try {
            for (String text : Files.readAllLines(replayedFile, StandardCharsets.UTF_8)) {
                if (!text.isBlank()) {
                    lines.add(JSON.readTree(text).path("line").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + replayedFile, e);
        }
        return lines;
    }

    @Override
    public void replayed(FailureEntry entry) {
        ObjectNode mark = JSON.createObjectNode();
        mark.put("line", Integer.parseInt(entry.handle()));
        mark.put("requestId", entry.record().requestId());
        mark.put("range", entry.record().range());
        mark.put("replayedAt", clock.instant().toString());
        try {
            Files.writeString(replayedFile, JSON.writeValueAsString(mark) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + replayedFile, e);
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
