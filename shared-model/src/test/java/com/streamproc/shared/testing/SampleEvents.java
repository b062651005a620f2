package com.streamproc.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * A function's sample batches in {@code events/<function>/}: the generated {@code .json} files (the exact JSON Lambda
 * sends, loaded here with the Lambda runtime's serializer) and their readable {@code .jsonl} sources, whose lines say
 * what must become of each record ({@code "expect": "applied"} or {@code "quarantine:<REASON>"}).
 */
public final class SampleEvents {
    public static final String REGENERATE = "regenerate: mvn -q -pl deployment -DskipHandlerCheck compile exec:java";

    /** Numbers compared by value: the generator rewrites them in plain notation. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final String function;

    /** One line of a readable source: the record the generator made of it, and what should become of it. */
    public record SourceLine(String label, String partitionKey, boolean json, byte[] data, String expect) {
    }

    public SampleEvents(String function) {
        this.function = function;
    }

    /** {@code events/<function>}, found from the working directory upwards. */
    public Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve(function);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("events/" + function + " not found above the working directory");
    }

    /** Every generated batch, named by file, for a parameterized test. */
    public Stream<Named<Path>> events() {
        return filesEndingWith(".json").stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    /** A generated batch by file name, loaded with the Lambda runtime's serializer. */
    public KinesisEvent load(String fileName) {
        return load(directory().resolve(fileName));
    }

    public static KinesisEvent load(Path json) {
        return EventLoader.loadKinesisEvent(json.toString());
    }

    /** There are generated batches, each has its readable source, and each source its generated batch. */
    public void assertEveryEventHasItsSourceAndEverySourceItsEvent() {
        List<Path> events = filesEndingWith(".json");
        List<Path> sources = filesEndingWith(".jsonl");

        assertThat(events).as("generated .json files in events/%s", function).isNotEmpty();
        assertThat(events).allSatisfy(json -> assertThat(sourceOf(json)).as("source of %s", json.getFileName())
                .isRegularFile());
        assertThat(sources).allSatisfy(jsonl -> assertThat(eventOf(jsonl)).as("generated from %s", jsonl.getFileName())
                .isRegularFile());
    }

    /**
     * Loads {@code json} and checks record {@code i} is line {@code i} of its source (else the .json is stale).
     *
     * @return the batch and its source lines
     */
    public static Loaded loadWithSource(Path json) {
        KinesisEvent event = load(json);
        List<SourceLine> lines = readSource(sourceOf(json));
        assertGeneratedFrom(event, lines);
        return new Loaded(event, lines);
    }

    /** A loaded batch with the source lines it was generated from. */
    public record Loaded(KinesisEvent event, List<SourceLine> lines) {
        /**
         * Nothing was reported for a retry, and each record ended as its line expects: quarantined with the
         * expected reason, or (with nothing reported) applied.
         *
         * @param quarantineReasonsBySequence what the quarantine holds: reason code by sequence number
         */
        public void assertOutcomes(StreamsEventResponse response, Map<String, String> quarantineReasonsBySequence) {
            // Poison is quarantined, never reported: with nothing reported, every record not quarantined was applied.
            assertThat(response.getBatchItemFailures())
                    .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).isEmpty();
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, String> actual = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String sequence = event.getRecords().get(i).getKinesis().getSequenceNumber();
                expected.put(lines.get(i).label(), lines.get(i).expect());
                String reason = quarantineReasonsBySequence.get(sequence);
                actual.put(lines.get(i).label(), reason != null ? "quarantine:" + reason : "applied");
            }
            assertThat(actual).containsExactlyEntriesOf(expected);
        }
    }

    private List<Path> filesEndingWith(String suffix) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceOf(Path json) {
        return json.resolveSibling(json.getFileName() + "l");
    }

    private static Path eventOf(Path jsonl) {
        String name = jsonl.getFileName().toString();
        return jsonl.resolveSibling(name.substring(0, name.length() - 1));
    }

    private static List<SourceLine> readSource(Path jsonl) {
        try {
            List<SourceLine> lines = new ArrayList<>();
            List<String> text = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                if (text.get(i).isBlank()) {
                    continue;
                }
                String label = jsonl.getFileName() + ":" + (i + 1);
                JsonNode line = JSON.readTree(text.get(i));
                byte[] data = line.has("data") ? JSON.writeValueAsBytes(line.get("data"))
                        : line.has("rawData") ? line.get("rawData").textValue().getBytes(StandardCharsets.UTF_8)
                        : Base64.getDecoder().decode(line.get("base64Data").textValue());
                assertThat(line.path("expect").textValue()).as("%s has no \"expect\"", label).isNotNull();
                lines.add(new SourceLine(label, line.get("partitionKey").textValue(), line.has("data"), data,
                        line.get("expect").textValue()));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Record {@code i} of the event is line {@code i} of its source (else the .json is stale: regenerate it). */
    private static void assertGeneratedFrom(KinesisEvent event, List<SourceLine> lines) {
        assertThat(event.getRecords()).as("records of the event vs lines of its source (stale .json? %s)", REGENERATE)
                .hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            KinesisEvent.Record record = event.getRecords().get(i).getKinesis();
            assertThat(record.getPartitionKey()).as("%s (stale .json? %s)", line.label(), REGENERATE)
                    .isEqualTo(line.partitionKey());
            byte[] data = bytes(record.getData());
            boolean same;
            try {
                same = line.json()
                        ? JSON.readTree(data).equals(SAME_VALUE, JSON.readTree(line.data()))
                        : Arrays.equals(data, line.data());
            } catch (IOException e) {
                same = false;
            }
            assertThat(same).as("%s: the record's data differs from the line's (stale .json? %s)", line.label(),
                    REGENERATE).isTrue();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
