package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.activity.aggregate.UserDayKey;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.ShardRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample batches in {@code events/activity-tracking} do what their {@code expect} fields say. */
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryActivityStore store = new InMemoryActivityStore();
    private final ActivityHarness harness = new ActivityHarness(store);

    private static Path samples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve("activity-tracking");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("events/activity-tracking not found above the working directory");
    }

    /** Runs a sample file as one batch; returns each line's sequence number → its {@code expect}. */
    private Map<String, String> run(String file) throws IOException {
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(samples().resolve(file));
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            String data = node.has("data") ? node.get("data").toString() : node.get("rawData").asText();
            shard.add(node.get("partitionKey").asText(), data);
            expected.put(shard.records().get(shard.size() - 1).sequence().toString(), node.get("expect").asText());
        }
        StreamsEventResponse response = harness.runner().invoke(shard, 0, shard.size());
        assertThat(response.getBatchItemFailures()).isEmpty();
        return expected;
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal.jsonl", "hot-user.jsonl", "duplicates.jsonl", "poison.jsonl"})
    void everyLineEndsAsItsExpectSays(String file) throws IOException {
        Map<String, String> expected = run(file);

        Map<String, String> quarantined = new LinkedHashMap<>();
        harness.quarantine().reasonsBySequence().forEach((sequence, reason) -> quarantined.put(sequence, "quarantine:" + reason));
        Map<String, String> outcomes = new LinkedHashMap<>();
        expected.keySet().forEach(sequence -> outcomes.put(sequence, quarantined.getOrDefault(sequence, "applied")));
        assertThat(outcomes).isEqualTo(expected);
    }

    @Test
    void duplicatesCountOnceAndTheFirstCopyWins() throws IOException {
        run("duplicates.jsonl");

        var user = harness.queries().userDay("user-2001", LocalDate.parse("2026-11-26")).orElseThrow();
        assertThat(user.total()).isEqualTo(3);
        assertThat(user.actions()).containsOnlyKeys("login", "search", "logout");
        assertThat(harness.queries().actionHour("cart.add", LocalDateTime.parse("2026-11-26T09:00"))).isEqualTo(1);
    }

    @Test
    void hotUserIsOneUserDayWrite() throws IOException {
        run("hot-user.jsonl");

        assertThat(store.writesOf(new UserDayKey("user-hot-42", LocalDate.parse("2026-11-26")).itemKey())).isEqualTo(1);
        assertThat(harness.queries().userDay("user-hot-42", LocalDate.parse("2026-11-26")).orElseThrow().total())
                .isEqualTo(200);
    }

    @Test
    void normalBatchCountsTheLateEventInItsOwnDay() throws IOException {
        run("normal.jsonl");

        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-20"))).isEqualTo(1);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-25"))).isEqualTo(5);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-26"))).isEqualTo(5);
        assertThat(harness.queries().userDay("user-1003", LocalDate.parse("2026-11-20")).orElseThrow().total())
                .isEqualTo(1);
    }
}
