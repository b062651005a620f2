package com.streamproc.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code up} tells other commands about the stack it runs ({@code .local-stack/stack.json}): its pid, the
 * emulator endpoints and the physical names.
 */
public record StackState(long pid, URI kinesisEndpoint, URI dynamoDbEndpoint, String region, Instant startedAt,
                         Map<String, String> physicalNames) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("pid", pid);
        root.put("kinesisEndpoint", kinesisEndpoint.toString());
        root.put("dynamoDbEndpoint", dynamoDbEndpoint.toString());
        root.put("region", region);
        root.put("startedAt", startedAt.toString());
        ObjectNode names = root.putObject("physicalNames");
        physicalNames.forEach(names::put);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "stack", ".json");
        Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(temp, temp.resolveSibling(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state of a running {@code up}: present only when the file exists and its process is alive. */
    public static Optional<StackState> readRunning(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            long pid = root.path("pid").asLong(-1);
            if (pid <= 0 || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return Optional.empty();
            }
            Map<String, String> names = new LinkedHashMap<>();
            root.path("physicalNames").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new StackState(pid, URI.create(root.path("kinesisEndpoint").asText()),
                    URI.create(root.path("dynamoDbEndpoint").asText()), root.path("region").asText(),
                    Instant.parse(root.path("startedAt").asText()), names));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still describes this process. */
    public static void removeIfOwn(Path file) {
        try {
            if (Files.isRegularFile(file)
                    && JSON.readTree(file.toFile()).path("pid").asLong() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // best effort at shutdown
        }
    }
}
