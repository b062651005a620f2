package com.streamproc.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.streamproc.shared.kpl.InvalidAggregateException;
import com.streamproc.shared.kpl.KplAggregate;
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
 * what must become of each record ({@code "expect": "applied"} or {@code "quarantine:<REASON>"}). A line
 * {@code {"aggregate": [...]}} is one KPL-aggregated record; each of its user records says what must become of it,
 * and is found by its {@code SEQUENCE.SUB} id ({@link com.streamproc.shared.batch.RecordRef#sequenceId()}).
 */
public final class SampleEvents {
    public static final String REGENERATE = "regenerate: mvn -q -pl deployment -DskipHandlerCheck compile exec:java";

    /** Numbers compared by value: the generator rewrites them in plain notation. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final String function;

    /**
     * One line of a readable source: the record the generator made of it, and what should become of it; or, for an
     * aggregate line, its user records (then {@code data} and {@code expect} are null and {@code json} false).
     */
    public record SourceLine(String label, String partitionKey, boolean json, byte[] data, String expect,
                             List<SourceLine> userRecords) {
        public boolean isAggregate() {
            return !userRecords.isEmpty();
        }
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
         * Nothing was reported for a retry, and each record (each user record of an aggregate) ended as its line
         * expects: quarantined with the expected reason, or (with nothing reported) applied.
         *
         * @param quarantineReasonsBySequenceId what the quarantine holds: reason code by
         *                                      {@link com.streamproc.shared.batch.RecordRef#sequenceId()}
         *                                      ({@code SEQUENCE}, or {@code SEQUENCE.SUB} for a user record)
         */
        public void assertOutcomes(StreamsEventResponse response, Map<String, String> quarantineReasonsBySequenceId) {
            // Poison is quarantined, never reported: with nothing reported, every record not quarantined was applied.
            assertThat(response.getBatchItemFailures())
                    .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).isEmpty();
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, String> actual = new LinkedHashMap<>();
            Map<String, String> unclaimed = new LinkedHashMap<>(quarantineReasonsBySequenceId);
            for (int i = 0; i < lines.size(); i++) {
                String sequence = event.getRecords().get(i).getKinesis().getSequenceNumber();
                SourceLine line = lines.get(i);
                List<SourceLine> outcomes = line.isAggregate() ? line.userRecords() : List.of(line);
                for (int sub = 0; sub < outcomes.size(); sub++) {
                    String id = line.isAggregate() ? sequence + "." + sub : sequence;
                    expected.put(outcomes.get(sub).label(), outcomes.get(sub).expect());
                    String reason = unclaimed.remove(id);
                    actual.put(outcomes.get(sub).label(), reason != null ? "quarantine:" + reason : "applied");
                }
            }
            assertThat(actual).containsExactlyEntriesOf(expected);
            assertThat(unclaimed).as("quarantined under an id that is no record or user record of the batch")
                    .isEmpty();
        }

        /** How many outcomes the batch has: its plain records plus the user records of its aggregates. */
        public int userRecordCount() {
            return lines.stream().mapToInt(line -> line.isAggregate() ? line.userRecords().size() : 1).sum();
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
                if (line.has("aggregate")) {
                    List<SourceLine> users = new ArrayList<>();
                    for (int sub = 0; sub < line.get("aggregate").size(); sub++) {
                        users.add(plainLine(label + "." + sub, line.get("aggregate").get(sub)));
                    }
                    String key = line.has("partitionKey") ? line.get("partitionKey").textValue()
                            : users.get(0).partitionKey();
                    lines.add(new SourceLine(label, key, false, null, null, List.copyOf(users)));
                } else {
                    lines.add(plainLine(label, line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceLine plainLine(String label, JsonNode line) throws IOException {
        byte[] data = line.has("data") ? JSON.writeValueAsBytes(line.get("data"))
                : line.has("rawData") ? line.get("rawData").textValue().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(line.get("base64Data").textValue());
        assertThat(line.path("expect").textValue()).as("%s has no \"expect\"", label).isNotNull();
        return new SourceLine(label, line.get("partitionKey").textValue(), line.has("data"), data,
                line.get("expect").textValue(), List.of());
    }

    /**
     * Record {@code i} of the event is line {@code i} of its source, and the user records of an aggregate (read with
     * the core's {@link KplAggregate} reader) are the lines of its {@code aggregate} array (else the .json is stale:
     * regenerate it).
     */
    private static void assertGeneratedFrom(KinesisEvent event, List<SourceLine> lines) {
        assertThat(event.getRecords()).as("records of the event vs lines of its source (stale .json? %s)", REGENERATE)
                .hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            KinesisEvent.Record record = event.getRecords().get(i).getKinesis();
            assertThat(record.getPartitionKey()).as("%s (stale .json? %s)", line.label(), REGENERATE)
                    .isEqualTo(line.partitionKey());
            if (!line.isAggregate()) {
                assertSameData(line, bytes(record.getData()));
                continue;
            }
            List<KplAggregate.UserRecord> users;
            try {
                users = KplAggregate.read(record.getData());
            } catch (InvalidAggregateException e) {
                throw new AssertionError(line.label() + ": not a valid aggregate (" + e.getMessage()
                        + "; stale .json? " + REGENERATE + ")", e);
            }
            assertThat(users).as("%s: user records of the aggregate (stale .json? %s)", line.label(), REGENERATE)
                    .hasSameSizeAs(line.userRecords());
            for (int sub = 0; sub < users.size(); sub++) {
                SourceLine user = line.userRecords().get(sub);
                assertThat(users.get(sub).partitionKey()).as("%s (stale .json? %s)", user.label(), REGENERATE)
                        .isEqualTo(user.partitionKey());
                assertSameData(user, bytes(users.get(sub).data()));
            }
        }
    }

    private static void assertSameData(SourceLine line, byte[] data) {
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

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
