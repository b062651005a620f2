package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFailureFileTest {
    @TempDir
    Path dir;

    @Test
    void replayedRecordStaysInItsFileAndIsMarkedInTheSidecar() throws Exception {
        Path file = dir.resolve("OrderProcessingFunction.jsonl");
        String line = OnFailureRecordTest.DOCUMENTED_SAMPLE.replace("\n", "");
        Files.writeString(file, line + "\n\n" + line.replace("shardId-000000000001", "shardId-000000000002") + "\n");
        JsonLinesFailureFile source = new JsonLinesFailureFile(file,
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

        List<FailureEntry> before = source.read(10);
        source.replayed(before.get(1));
        List<FailureEntry> after = source.read(10);

        assertThat(before).extracting(FailureEntry::replayed).containsExactly(false, false);
        assertThat(after).extracting(FailureEntry::handle).containsExactly("1", "3");
        assertThat(after).extracting(FailureEntry::replayed).containsExactly(false, true);
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(Files.readString(dir.resolve("OrderProcessingFunction.replayed.jsonl")))
                .contains("\"line\":3", "\"replayedAt\":\"2026-11-27T10:00:00Z\"", "shardId-000000000002/");
    }

    @Test
    void missingFileHasNoRecords() {
        assertThat(new JsonLinesFailureFile(dir.resolve("none.jsonl"), Clock.systemUTC()).read(10)).isEmpty();
    }
}
