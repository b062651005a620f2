package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.testing.OrderProcessingHarness;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample batch in {@code events/order-processing} (the Lambda JSON that {@code sam local invoke -e} sends),
 * loaded with the Lambda runtime's serializer and run through the real handler, ends as the {@code expect} of each
 * line of its readable {@code .jsonl} source says.
 */
class SampleEventsTest {
    private static final String FUNCTION = "order-processing";
    private static final String REGENERATE = "regenerate: mvn -q -pl deployment -DskipHandlerCheck compile exec:java";
    /** Numbers compared by value: the generator rewrites them in plain notation. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final OrderProcessingHarness harness = new OrderProcessingHarness();

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

    private void handle(String file) {
        StreamsEventResponse response = harness.deliver(load(samples().resolve(file)));
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

        StreamsEventResponse response = harness.deliver(event);

        // Poison is quarantined, never reported: with nothing reported, every record not quarantined was applied.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .isEmpty();
        Map<String, String> quarantined = harness.quarantined();
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
    void cleanLifecycleDeliversEveryOrder() {
        handle("clean-lifecycle.json");

        assertThat(harness.store.all()).hasSize(3)
                .allSatisfy((id, order) -> assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED));
        assertThat(harness.existingOrder("ord-2001").capture().minor()).isEqualTo(3600);
    }

    @Test
    void refundsAndCancellationsEndRefundedOrCancelled() {
        handle("refunds-and-cancellations.json");

        assertThat(harness.existingOrder("ord-4001").status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(harness.existingOrder("ord-4001").refund().minor()).isEqualTo(3000);
        assertThat(harness.existingOrder("ord-5001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(harness.existingOrder("ord-6001").capture().minor()).isEqualTo(15125);
    }

    @Test
    void duplicatesApplyOnceEachWithOneWritePerOrder() {
        handle("duplicates.json");

        assertThat(harness.existingOrder("ord-7001").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(harness.existingOrder("ord-7001").capture().at()).isEqualTo("2026-11-27T15:01:00Z");
        assertThat(harness.existingOrder("ord-8001").status()).isEqualTo(OrderStatus.PLACED);
        assertThat(harness.store.saveAttempts()).isEqualTo(2);
    }

    @Test
    void poisonLeavesOnlyTheValidOrderPaid() {
        handle("poison.json");

        assertThat(harness.store.all()).containsOnlyKeys("ord-9001");
        assertThat(harness.existingOrder("ord-9001").status()).isEqualTo(OrderStatus.PAID);
        assertThat(harness.existingOrder("ord-9001").capture().minor()).isEqualTo(25000);
    }
}
