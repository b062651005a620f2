package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** events/<function>/*.json must be exactly what the generator makes of the .jsonl sources beside them. */
class SampleEventsUpToDateTest {
    private static final Path ROOT = ProjectFiles.root();
    private static final Path EVENTS = ProjectFiles.events();

    @Test
    void everyGeneratedEventMatchesItsSource() throws IOException {
        Map<Path, String> expected = new SampleEventGenerator(ProjectFiles.template()).generateAll(EVENTS);
        List<String> stale = new ArrayList<>();

        for (Map.Entry<Path, String> file : expected.entrySet()) {
            Path path = file.getKey();
            if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(ROOT.relativize(path).toString());
            }
        }

        assertThat(stale).as("sample events missing or out of date with their .jsonl sources; regenerate them from "
                + "the project root with: " + SampleEventGenerator.REGENERATE_COMMAND).isEmpty();
    }

    @Test
    void everySampleEventHasASource() throws IOException {
        List<String> orphans = new ArrayList<>();
        if (Files.isDirectory(EVENTS)) {
            try (Stream<Path> files = Files.walk(EVENTS, 2)) {
                files.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> !Files.exists(p.resolveSibling(p.getFileName().toString() + "l")))
                        .forEach(p -> orphans.add(ROOT.relativize(p).toString()));
            }
        }

        assertThat(orphans).as("events without a .jsonl source (edit the .jsonl and regenerate, or delete them)")
                .isEmpty();
    }
}
