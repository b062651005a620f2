package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local stand-in for an SQS/SNS on-failure destination: one JSON document per line, appended to a file
 * (e.g. {@code .local-stack/failures/OrderProcessingFunction.jsonl}).
 */
public final class JsonLinesFailureDestination implements FailureDestination {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public JsonLinesFailureDestination(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void send(DiscardedBatch discarded) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String line = JSON.writeValueAsString(discarded.toJson()) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write failure destination " + file, e);
        }
    }

    /** Sum of {@code KinesisBatchInfo.batchSize} over the lines of {@code file}; 0 when it does not exist. */
    public static long discardedRecords(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            long total = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    total += JSON.readTree(line).path("KinesisBatchInfo").path("batchSize").asLong();
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
