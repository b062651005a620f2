package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesProduceReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Larger than any writer's buffer: a buffered writer would have put part of it on disk, and kept the rest. */
    private static final String BIG_NOTE = "x".repeat(200_000);

    @Test
    void everyLineIsWholeOnDiskBeforeTheReportIsClosed() throws Exception {
        Path rejects = dir.resolve("rejects.jsonl");
        Path unsent = dir.resolve("unsent.jsonl");
        JsonLinesProduceReport report = new JsonLinesProduceReport(rejects, unsent);

        report.rejected(new InputEvent(TestFunctions.ORDER_PROCESSING,
                ("{\"key\":\"o-1\",\"note\":\"" + BIG_NOTE + "\"}").getBytes(StandardCharsets.UTF_8), "orders.jsonl:1"),
                new PoisonRecordException("SCHEMA_VIOLATION", "bad"));
        report.unsent(new UnsentRecord(new OutboundRecord(TestFunctions.ACTIVITY_TRACKING, "u-1",
                ("{\"note\":\"" + BIG_NOTE + "\"}").getBytes(StandardCharsets.UTF_8), "stdin:4", true),
                "ValidationException", "refused", false, 1));
        report.rejected(new InputEvent(TestFunctions.ORDER_PROCESSING,
                "not json".getBytes(StandardCharsets.UTF_8), "orders.jsonl:2"),
                new PoisonRecordException("MALFORMED_JSON", "not JSON"));

        // Not closed: as after Ctrl-C, or a failure that never reaches the close.
        List<JsonNode> rejected = wholeLines(rejects);
        List<JsonNode> notSent = wholeLines(unsent);
        assertThat(rejected).extracting(l -> l.get("origin").asText()).containsExactly("orders.jsonl:1", "orders.jsonl:2");
        assertThat(rejected.get(0).get("event").get("note").asText()).hasSize(BIG_NOTE.length());
        assertThat(notSent).singleElement().satisfies(l -> {
            assertThat(l.get("errorCode").asText()).isEqualTo("ValidationException");
            assertThat(l.get("retryable").asBoolean()).isFalse();
            assertThat(l.get("attempts").asInt()).isEqualTo(1);
            assertThat(l.get("partitionKey").asText()).isEqualTo("u-1");
        });
        report.close();
        assertThat(wholeLines(rejects)).hasSize(2);
    }

    @Test
    void noFileIsCreatedWithoutALineForIt() {
        Path rejects = dir.resolve("rejects.jsonl");
        Path unsent = dir.resolve("unsent.jsonl");

        try (JsonLinesProduceReport report = new JsonLinesProduceReport(rejects, unsent)) {
            assertThat(report.wroteRejects()).isFalse();
        }

        assertThat(rejects).doesNotExist();
        assertThat(unsent).doesNotExist();
    }

    /** The file's lines, each parsed; fails unless the file ends with a newline and every line is JSON. */
    static List<JsonNode> wholeLines(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s ends with a newline", file).endsWith("\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
