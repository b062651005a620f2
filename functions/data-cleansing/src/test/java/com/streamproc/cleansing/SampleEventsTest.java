package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.FieldDrop;
import com.streamproc.cleansing.store.InMemoryCustomerStore;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample batch in {@code events/data-cleansing} (the Lambda JSON that {@code sam local invoke -e} sends),
 * loaded with the Lambda runtime's serializer and run through the real handler, ends as the {@code expect} of each
 * line of its readable {@code .jsonl} source says.
 */
class SampleEventsTest {
    private static final String FUNCTION = "data-cleansing";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final String REGENERATE = "regenerate: mvn -q -pl deployment -DskipHandlerCheck compile exec:java";
    /** Numbers compared by value: the generator rewrites them in plain notation. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final DataCleansingHandler handler = new DataCleansingHandler(new BatchProcessor<>(
            DataCleansingFunction.decoder(CLOCK), DataCleansingFunction.applier(store, 4), quarantine,
            DataCleansingFunction.config(), summary -> { }, CLOCK, System::nanoTime));

    /** One line of a readable source: the record the generator made of it, and what should become of it. */
    private record SourceLine(String label, String partitionKey, boolean json, byte[] data, String expect) {
    }

    static Path samples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve(FUNCTION);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("events/" + FUNCTION + " not found above the working directory");
    }

    private static List<Path> filesEndingWith(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(samples())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static Stream<Named<Path>> sampleEvents() throws IOException {
        return filesEndingWith(".json").stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    private static Path sourceOf(Path json) {
        return json.resolveSibling(json.getFileName() + "l");
    }

    private static Path eventOf(Path jsonl) {
        String name = jsonl.getFileName().toString();
        return jsonl.resolveSibling(name.substring(0, name.length() - 1));
    }

    private static KinesisEvent load(Path json) {
        return EventLoader.loadKinesisEvent(json.toString());
    }

    private static List<SourceLine> readSource(Path jsonl) throws IOException {
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
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** Record {@code i} of the event is line {@code i} of its source (else the .json is stale: regenerate it). */
    private static void assertGeneratedFrom(KinesisEvent event, List<SourceLine> lines) throws IOException {
        assertThat(event.getRecords()).as("records of the event vs lines of its source (stale .json? %s)", REGENERATE)
                .hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            KinesisEvent.Record record = event.getRecords().get(i).getKinesis();
            assertThat(record.getPartitionKey()).as("%s (stale .json? %s)", line.label(), REGENERATE)
                    .isEqualTo(line.partitionKey());
            byte[] data = bytes(record.getData());
            boolean same = line.json()
                    ? JSON.readTree(data).equals(SAME_VALUE, JSON.readTree(line.data()))
                    : Arrays.equals(data, line.data());
            assertThat(same).as("%s: the record's data differs from the line's (stale .json? %s)", line.label(),
                    REGENERATE).isTrue();
        }
    }

    private StreamsEventResponse deliver(KinesisEvent event) {
        return handler.handleRequest(event, FakeLambdaContext.withTime(60_000));
    }

    private void handle(String file) {
        StreamsEventResponse response = deliver(load(samples().resolve(file)));
        assertThat(response.getBatchItemFailures()).as("records reported for a retry").isEmpty();
    }

    @Test
    void everySampleEventHasItsReadableSourceAndEverySourceItsEvent() throws IOException {
        List<Path> events = filesEndingWith(".json");
        List<Path> sources = filesEndingWith(".jsonl");

        assertThat(events).as("generated .json files in events/%s", FUNCTION).isNotEmpty();
        assertThat(events).allSatisfy(json -> assertThat(sourceOf(json)).as("source of %s", json.getFileName())
                .isRegularFile());
        assertThat(sources).allSatisfy(jsonl -> assertThat(eventOf(jsonl)).as("generated from %s", jsonl.getFileName())
                .isRegularFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everyRecordEndsAsItsSourceLineExpects(Path json) throws IOException {
        KinesisEvent event = load(json);
        List<SourceLine> lines = readSource(sourceOf(json));
        assertGeneratedFrom(event, lines);

        StreamsEventResponse response = deliver(event);

        // Poison is quarantined, never reported: with nothing reported, every record not quarantined was applied.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEmpty();
        Map<String, String> quarantined = quarantine.reasonsBySequence();
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String sequence = event.getRecords().get(i).getKinesis().getSequenceNumber();
            expected.put(lines.get(i).label(), lines.get(i).expect());
            actual.put(lines.get(i).label(),
                    quarantined.containsKey(sequence) ? "quarantine:" + quarantined.get(sequence) : "applied");
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void messyValidRecordsBecomeOneNormalisedCustomerEach() {
        handle("messy-valid.json");

        assertThat(store.items()).hasSize(10);
        Customer ada = store.customer("EMAIL#ada.lovelace@example.com").orElseThrow();
        assertThat(ada.value(CustomerField.PHONE)).isEqualTo("+442079460018");
        assertThat(ada.value(CustomerField.COUNTRY)).isEqualTo("GB");
        assertThat(ada.value(CustomerField.FULL_NAME)).isEqualTo("Ada Lovelace");
        assertThat(ada.drops().get(CustomerField.BIRTH_DATE).reason()).isEqualTo("AMBIGUOUS_DATE");
        assertThat(store.customer("PHONE#+41446681800").orElseThrow().value(CustomerField.FULL_NAME))
                .isEqualTo("Urs Meier");
    }

    @Test
    void duplicatesAcrossSourcesMergeIntoThreeCustomersNewestFieldWinning() {
        handle("duplicates-across-sources.json");

        assertThat(store.items()).containsOnlyKeys("EMAIL#marie.curie@example.com", "EMAIL#niels.bohr@example.dk",
                "PHONE#+4532123456");
        Customer marie = store.customer("EMAIL#marie.curie@example.com").orElseThrow();
        assertThat(marie.value(CustomerField.FULL_NAME)).isEqualTo("Marie Skłodowska-Curie");
        assertThat(marie.value(CustomerField.PHONE)).isEqualTo("+33612345678");
        assertThat(marie.value(CustomerField.COUNTRY)).isEqualTo("FR");
        assertThat(marie.value(CustomerField.BIRTH_DATE)).isEqualTo("1967-11-07");
        assertThat(marie.drops()).isEqualTo(Map.of(CustomerField.BIRTH_DATE,
                new FieldDrop("AMBIGUOUS_DATE", Instant.parse("2026-11-01T09:00:00Z"), "crm:c-2001")));
        assertThat(marie.sources()).containsExactly("crm:c-2001", "support:s-4001", "webshop:w-3001");
        assertThat(store.customer("PHONE#+4532123456").orElseThrow().value(CustomerField.FULL_NAME))
                .isEqualTo("Rosalind E. Franklin");
    }

    @Test
    void rejectsAreQuarantinedUnderTheirSourceSystemWithFieldReasons() {
        handle("rejects.json");

        assertThat(store.items()).isEmpty();
        assertThat(quarantine.stored().values()).extracting(q -> q.source() + "/" + q.reason().reasonCode())
                .containsExactlyInAnyOrder("crm/NO_CONTACT_POINT", "webshop/NO_CONTACT_POINT",
                        "support/INVALID_UPDATED_AT", "support/INVALID_UPDATED_AT", "erp/UPDATED_AT_IN_FUTURE",
                        "crm/UNSUPPORTED_SCHEMA_VERSION", "crm/NO_CONTACT_POINT", "erp/SCHEMA_VIOLATION",
                        "webshop/MALFORMED_JSON", "crm/SCHEMA_VIOLATION");
        assertThat(quarantine.stored().values()).extracting(QuarantinedRecord::reason)
                .anySatisfy(r -> assertThat(r.fieldReasons()).containsExactly("email:INVALID_EMAIL",
                        "phone:PHONE_NEEDS_COUNTRY"));
    }
}
