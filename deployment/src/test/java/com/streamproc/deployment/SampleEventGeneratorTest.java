package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleEventGeneratorTest {
    private static final Path FIXTURE = resource("generator");
    private static final Path SOURCE = FIXTURE.resolve("events/order-processing/mixed-payloads.jsonl");
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/local-orders";

    private final SampleEventGenerator generator =
            new SampleEventGenerator(SamTemplate.load(FIXTURE.resolve("sam-template.yaml")));
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Test
    void writesEachSourceAsTheBatchLambdaSends() throws Exception {
        Map<Path, String> outputs = generator.generateAll(FIXTURE.resolve("events"));

        assertThat(outputs).containsOnlyKeys(SOURCE.resolveSibling("mixed-payloads.json"));
        JsonNode records = json.readTree(outputs.values().iterator().next()).get("Records");
        assertThat(records).hasSize(3);
        JsonNode first = records.get(0);
        assertThat(fieldNames(first)).containsExactly("kinesis", "eventSource", "eventVersion", "eventID", "eventName",
                "invokeIdentityArn", "awsRegion", "eventSourceARN");
        assertThat(fieldNames(first.get("kinesis"))).containsExactly("kinesisSchemaVersion", "partitionKey",
                "sequenceNumber", "data", "approximateArrivalTimestamp");
        assertThat(first.get("eventSource").asText()).isEqualTo("aws:kinesis");
        assertThat(first.get("eventVersion").asText()).isEqualTo("1.0");
        assertThat(first.get("eventName").asText()).isEqualTo("aws:kinesis:record");
        assertThat(first.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(first.get("invokeIdentityArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/local-order-processing-role");
        assertThat(first.get("kinesis").get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(first.get("kinesis").get("partitionKey").asText()).isEqualTo("order-1");
    }

    @Test
    void pointsEveryRecordAtTheFunctionsStreamInTheLocalEnvironment() throws Exception {
        // The fixture's EnvironmentName defaults to prod: samples always use local, as the emulators do.
        JsonNode records = generatedRecords();

        assertThat(records).allSatisfy(r -> assertThat(r.get("eventSourceARN").asText()).isEqualTo(STREAM_ARN));
    }

    @Test
    void numbersRecordsLikeKinesisWithIncreasingSequencesAndArrivalTimes() throws Exception {
        JsonNode records = generatedRecords();
        List<BigInteger> sequences = new ArrayList<>();
        List<BigDecimal> arrivals = new ArrayList<>();

        for (JsonNode record : records) {
            String sequence = record.get("kinesis").get("sequenceNumber").asText();
            assertThat(sequence).hasSize(56).containsOnlyDigits();
            sequences.add(new BigInteger(sequence));
            JsonNode arrival = record.get("kinesis").get("approximateArrivalTimestamp");
            assertThat(arrival.isNumber()).isTrue();
            assertThat(arrival.toString()).matches("\\d{10}\\.\\d{3}");
            arrivals.add(arrival.decimalValue());
        }
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(arrivals).isSorted().doesNotHaveDuplicates();
        assertThat(records.get(0).get("eventID").asText()).isEqualTo("shardId-000000000000:" + sequences.get(0));
        assertThat(records.get(2).get("eventID").asText()).isEqualTo("shardId-000000000001:" + sequences.get(2));
    }

    @Test
    void encodesDataRawDataAndBase64DataAsTheirExactBytes() throws Exception {
        JsonNode records = generatedRecords();

        assertThat(decodedData(records.get(0))).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"type\":\"OrderPlaced\",\"orderId\":\"order-1\",\"total\":12.50,\"tags\":[\"a\",\"b\"]}");
        assertThat(decodedData(records.get(1))).asString(StandardCharsets.UTF_8).isEqualTo("{not json");
        assertThat(decodedData(records.get(2))).containsExactly(0xFF, 0xFE, 0xFD);
    }

    @Test
    void theLambdaRuntimeSerializerReadsTheOutput() {
        String output = generator.generateAll(FIXTURE.resolve("events")).values().iterator().next();

        KinesisEvent event = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader())
                .fromJson(output);

        assertThat(event.getRecords()).hasSize(3);
        KinesisEvent.KinesisEventRecord first = event.getRecords().get(0);
        assertThat(first.getEventSourceARN()).isEqualTo(STREAM_ARN);
        assertThat(first.getKinesis().getPartitionKey()).isEqualTo("order-1");
        assertThat(first.getKinesis().getSequenceNumber()).isEqualTo(SampleEventGenerator.FIRST_SEQUENCE.toString());
        assertThat(first.getKinesis().getApproximateArrivalTimestamp())
                .isEqualTo(Date.from(SampleEventGenerator.FIRST_ARRIVAL));
        assertThat(bytes(event.getRecords().get(1).getKinesis().getData()))
                .isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void regeneratingUnchangedSourcesGivesIdenticalFiles() {
        Map<Path, String> first = generator.generateAll(FIXTURE.resolve("events"));
        Map<Path, String> second = new SampleEventGenerator(SamTemplate.load(FIXTURE.resolve("sam-template.yaml")))
                .generateAll(FIXTURE.resolve("events"));

        assertThat(second).isEqualTo(first);
        assertThat(first.values().iterator().next()).endsWith("\n").doesNotContain("\r").contains("\"Records\": [");
    }

    @Test
    void mainWritesTheJsonBesideItsSource(@TempDir Path root) throws Exception {
        Files.copy(FIXTURE.resolve("sam-template.yaml"), root.resolve("sam-template.yaml"));
        Path dir = Files.createDirectories(root.resolve("events/order-processing"));
        Files.copy(SOURCE, dir.resolve("mixed-payloads.jsonl"));

        SampleEventGenerator.main(new String[] {root.toString()});

        assertThat(dir.resolve("mixed-payloads.json")).content(StandardCharsets.UTF_8)
                .isEqualTo(generator.generateAll(FIXTURE.resolve("events")).values().iterator().next());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing partition key    | {"data": {}}                                           | partitionKey
            empty partition key      | {"partitionKey": "", "data": {}}                       | partitionKey
            two payloads             | {"partitionKey": "k", "data": {}, "rawData": "x"}      | exactly one of
            no payload               | {"partitionKey": "k"}                                  | exactly one of
            misspelt field           | {"partitionKey": "k", "dat": {}}                       | unknown field "dat"
            unknown expectation      | {"partitionKey": "k", "data": {}, "expect": "ok"}      | expect must be
            bad shard id             | {"partitionKey": "k", "data": {}, "shardId": "shard1"} | shardId must
            rawData not a string     | {"partitionKey": "k", "rawData": 5}                    | rawData must be a string
            bad base64               | {"partitionKey": "k", "base64Data": "***"}             | not base64
            not JSON                 | {"partitionKey": "k",                                   | not a JSON object
            duplicate field          | {"partitionKey": "k", "partitionKey": "j", "data": {}} | Duplicate field
            empty aggregate          | {"aggregate": []}                                      | non-empty array
            aggregate not an array   | {"aggregate": {"partitionKey": "k", "data": {}}}       | non-empty array
            aggregate with data      | {"aggregate": [{"partitionKey": "k", "data": {}}], "data": {}} | unknown field "data"
            aggregate with expect    | {"aggregate": [{"partitionKey": "k", "data": {}}], "expect": "applied"} | unknown field "expect"
            user record not object   | {"aggregate": ["k"]}                                   | aggregate[0]: not a JSON object
            user record with shard   | {"aggregate": [{"partitionKey": "k", "data": {}, "shardId": "shardId-000000000001"}]} | aggregate[0]: unknown field "shardId"
            nested aggregate         | {"aggregate": [{"aggregate": [{"partitionKey": "k", "data": {}}]}]} | aggregate[0]: unknown field "aggregate"
            user record without key  | {"aggregate": [{"partitionKey": "k", "data": {}}, {"data": {}}]} | aggregate[1]: partitionKey
            user record bad expect   | {"aggregate": [{"partitionKey": "k", "data": {}, "expect": "ok"}]} | aggregate[0]: expect must be
            """)
    void rejectsABadLineNamingFileAndLine(String why, String line, String message) {
        List<String> lines = List.of("{\"partitionKey\": \"fine\", \"data\": {}}", "", line);

        assertThatThrownBy(() -> generator.generate("order-processing", "events/order-processing/bad.jsonl", lines))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("events/order-processing/bad.jsonl:3: ")
                .hasMessageContaining(message);
    }

    @Test
    void writesAnAggregateLineAsOneRecordInTheKplAggregationFormat() throws Exception {
        String line = "{\"aggregate\": [{\"partitionKey\": \"k1\", \"rawData\": \"a\", \"expect\": \"applied\"}, "
                + "{\"partitionKey\": \"k2\", \"rawData\": \"bc\"}, {\"partitionKey\": \"k1\", \"data\": {\"x\": 1}}], "
                + "\"shardId\": \"shardId-000000000002\", \"comment\": \"three user records, two keys\"}";

        JsonNode records = json.readTree(generator.generate("order-processing", "a.jsonl",
                List.of("{\"partitionKey\": \"plain\", \"rawData\": \"p\"}", line))).get("Records");

        assertThat(records).hasSize(2);
        JsonNode aggregate = records.get(1);
        assertThat(aggregate.get("kinesis").get("partitionKey").asText()).as("the first user record's, as the KPL does")
                .isEqualTo("k1");
        assertThat(aggregate.get("eventID").asText()).startsWith("shardId-000000000002:");
        byte[] protobuf = concat(
                bytes(0x0A, 2), ascii("k1"), bytes(0x0A, 2), ascii("k2"),
                bytes(0x1A, 5, 0x08, 0, 0x1A, 1), ascii("a"),
                bytes(0x1A, 6, 0x08, 1, 0x1A, 2), ascii("bc"),
                bytes(0x1A, 11, 0x08, 0, 0x1A, 7), ascii("{\"x\":1}"));
        assertThat(decodedData(aggregate)).isEqualTo(concat(bytes(0xF3, 0x89, 0x9A, 0xC2), protobuf,
                MessageDigest.getInstance("MD5").digest(protobuf)));
    }

    @Test
    void theSameAggregateLineTwiceIsTheSameBytesUnderANewSequenceNumber() throws Exception {
        String line = "{\"aggregate\": [{\"partitionKey\": \"k1\", \"data\": {\"a\": 1.50}}, "
                + "{\"partitionKey\": \"k2\", \"base64Data\": \"//79\"}], \"partitionKey\": \"outer\"}";

        JsonNode records = json.readTree(generator.generate("order-processing", "a.jsonl", List.of(line, line)))
                .get("Records");

        assertThat(records.get(0).get("kinesis").get("partitionKey").asText()).isEqualTo("outer");
        assertThat(decodedData(records.get(1))).isEqualTo(decodedData(records.get(0)));
        assertThat(records.get(1).get("kinesis").get("sequenceNumber").asText())
                .isNotEqualTo(records.get(0).get("kinesis").get("sequenceNumber").asText());
    }

    @Test
    void rejectsAnAggregateOverTheKinesisRecordLimit() {
        String big = "x".repeat(600 * 1024);
        String line = "{\"aggregate\": [{\"partitionKey\": \"k\", \"rawData\": \"" + big + "\"}, "
                + "{\"partitionKey\": \"k\", \"rawData\": \"" + big + "\"}]}";

        assertThatThrownBy(() -> generator.generate("order-processing", "big.jsonl", List.of(line)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("big.jsonl:1: ").hasMessageContaining("1 MiB");
    }

    @Test
    void rejectsASourceForAFunctionTheTemplateDoesNotHave() {
        assertThatThrownBy(() -> generator.generate("billing", "events/billing/a.jsonl",
                List.of("{\"partitionKey\": \"k\", \"data\": {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events/billing");
    }

    @Test
    void rejectsAnEmptySource() {
        assertThatThrownBy(() -> generator.generate("order-processing", "events/order-processing/empty.jsonl",
                List.of("", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no records");
    }

    private JsonNode generatedRecords() throws Exception {
        return json.readTree(generator.generateAll(FIXTURE.resolve("events")).values().iterator().next()).get("Records");
    }

    private static byte[] decodedData(JsonNode record) {
        return Base64.getDecoder().decode(record.get("kinesis").get("data").asText());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path resource(String name) {
        try {
            return Path.of(SampleEventGeneratorTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
