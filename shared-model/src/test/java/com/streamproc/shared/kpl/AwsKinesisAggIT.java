package com.streamproc.shared.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's reader against aggregates written by awslabs' own aggregator, the npm module {@code aws-kinesis-agg}
 * (pinned in the root {@code package.json}; {@code npm ci} installs it), run through {@code node}. Skipped, saying
 * why, when node or the module is missing.
 */
class AwsKinesisAggIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {
    }

    record Aggregated(String partitionKey, String explicitHashKey, byte[] data) {
    }

    @BeforeAll
    static void findNodeAndTheModule() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "no package.json above the working directory: cannot find aws-kinesis-agg");
        root = dir;
        assumeTrue(Files.isDirectory(root.resolve("node_modules/aws-kinesis-agg")),
                "aws-kinesis-agg is not installed: run `npm ci` in the project root");
        boolean node;
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            node = false;
        }
        assumeTrue(node, "node is not on the PATH: cannot run aws-kinesis-agg");
    }

    /** Aggregates each group with aws-kinesis-agg. */
    static List<Aggregated> aggregate(List<List<UserRecord>> groups) throws Exception {
        ArrayNode input = JSON.createArrayNode();
        for (List<UserRecord> group : groups) {
            ArrayNode records = input.addArray();
            for (UserRecord record : group) {
                ObjectNode r = records.addObject();
                r.put("partitionKey", record.partitionKey());
                if (record.explicitHashKey() != null) {
                    r.put("explicitHashKey", record.explicitHashKey());
                }
                r.put("data", Base64.getEncoder().encodeToString(record.data()));
            }
        }
        Path in = Files.createTempFile("user-records", ".json");
        Path out = Files.createTempFile("aggregates", ".json");
        try {
            JSON.writeValue(in.toFile(), input);
            Process process = new ProcessBuilder("node",
                    root.resolve("shared-model/src/test/node/aggregate-with-aws-kinesis-agg.js").toString(),
                    in.toString())
                    .directory(root.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
            assertThat(process.exitValue()).as("node's exit code").isZero();
            List<Aggregated> aggregates = new ArrayList<>();
            for (JsonNode node : JSON.readTree(out.toFile())) {
                aggregates.add(new Aggregated(node.get("partitionKey").asText(),
                        node.get("explicitHashKey").isNull() ? null : node.get("explicitHashKey").asText(),
                        Base64.getDecoder().decode(node.get("data").asText())));
            }
            return aggregates;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    @Test
    void userRecordsRoundTripWithTheirPartitionKeysHashKeysAndData() throws Exception {
        List<UserRecord> group = List.of(
                new UserRecord("user-1", null, utf8("{\"n\":1}")),
                new UserRecord("user-2", "170141183460469231731687303715884105728", utf8("{\"n\":2}")),
                new UserRecord("user-1", null, utf8("{\"n\":3}")),
                // Hash keys and partition keys that look like small integers (below 2^32) are not used: aws-kinesis-agg
                // lists its key tables with Object.keys, which puts such keys first, out of the index order it
                // wrote (its own deaggregator then reads the keys swapped too).
                new UserRecord("ü-ключ-🔑", "340282366920938463463374607431768211455", utf8("{\"n\":\"ünïcødé\"}")),
                new UserRecord("user-3", "170141183460469231731687303715884105728", new byte[] {0, (byte) 0xFF, 7}));

        List<Aggregated> aggregates = aggregate(List.of(group));

        assertThat(aggregates).hasSize(1);
        ByteBuffer data = ByteBuffer.wrap(aggregates.get(0).data());
        assertThat(KplAggregate.isAggregated(data)).isTrue();
        List<KplAggregate.UserRecord> read = KplAggregate.read(data);
        assertThat(read).hasSize(group.size());
        for (int i = 0; i < group.size(); i++) {
            assertThat(read.get(i).partitionKey()).isEqualTo(group.get(i).partitionKey());
            assertThat(read.get(i).explicitHashKey()).isEqualTo(group.get(i).explicitHashKey());
            assertThat(bytes(read.get(i).data())).isEqualTo(group.get(i).data());
        }
    }

    @Test
    void theProjectsWriterAndAwsKinesisAggWriteTheSameBytes() throws Exception {
        List<UserRecord> group = List.of(
                new UserRecord("a", null, utf8("one")),
                new UserRecord("b", null, utf8("two")),
                new UserRecord("a", null, utf8("three")));
        KplAggregateWriter writer = new KplAggregateWriter();
        group.forEach(r -> writer.add(r.partitionKey(), r.explicitHashKey(), r.data()));

        assertThat(writer.build()).isEqualTo(aggregate(List.of(group)).get(0).data());
    }

    @Test
    void manyRecordsOverOneMebibyteSplitIntoSeveralAggregatesAndAllReadBack() throws Exception {
        Random random = new Random(16);
        List<UserRecord> group = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] data = new byte[200 + random.nextInt(800)];
            random.nextBytes(data);
            group.add(new UserRecord("key-" + random.nextInt(100), null, data));
        }

        List<Aggregated> aggregates = aggregate(List.of(group));

        assertThat(aggregates).hasSizeGreaterThan(1);
        List<KplAggregate.UserRecord> read = new ArrayList<>();
        for (Aggregated aggregated : aggregates) {
            assertThat(aggregated.data().length).isLessThanOrEqualTo(1024 * 1024);
            read.addAll(KplAggregate.read(ByteBuffer.wrap(aggregated.data())));
        }
        assertThat(read).hasSize(group.size());
        for (int i = 0; i < group.size(); i++) {
            assertThat(read.get(i).partitionKey()).isEqualTo(group.get(i).partitionKey());
            assertThat(bytes(read.get(i).data())).isEqualTo(group.get(i).data());
        }
    }

    record Event(String key, int n) {
    }

    @Test
    void theBatchProcessorAppliesEachUserRecordOfAnAwsKinesisAggAggregate() throws Exception {
        List<UserRecord> group = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String key = "k" + n % 3;
            group.add(new UserRecord(key, null, utf8("{\"key\":\"" + key + "\",\"n\":" + n + "}")));
        }
        group.set(7, new UserRecord("k1", null, utf8("{\"key\":")));
        KinesisEventFixture fixture = KinesisEventFixture.batch();
        for (Aggregated aggregated : aggregate(List.of(group.subList(0, 10), group.subList(10, 20)))) {
            fixture.recordBytes(aggregated.partitionKey(), aggregated.data());
        }
        KinesisEvent event = fixture.build();   // through the Lambda runtime's serializer
        List<InboundRecord<Event>> applied = new CopyOnWriteArrayList<>();
        InMemoryQuarantine quarantine = new InMemoryQuarantine();
        BatchProcessor<Event> processor = new BatchProcessor<>(new JsonRecordDecoder<>(Event.class),
                (records, context) -> records.forEach(r -> {
                    applied.add(r);
                    context.applied(r.ref());
                }), quarantine, BatchProcessorConfig.defaults("it"), summary -> { });

        assertThat(processor.process(event, new FakeLambdaContext("it", 60_000, System::nanoTime)).getBatchItemFailures()).isEmpty();

        assertThat(applied).extracting(r -> r.event().n())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(applied).allSatisfy(r -> assertThat(r.ref().partitionKey()).isEqualTo(r.event().key()));
        assertThat(applied.get(10).ref().subSequenceNumber()).isEqualTo(1L);   // n = 11
        assertThat(quarantine.reasonsBySequenceId()).containsOnlyKeys(
                KinesisEventFixture.FIRST_SEQUENCE + ".7");
        RecordRef poison = quarantine.stored().keySet().iterator().next();
        assertThat(poison.partitionKey()).isEqualTo("k1");
    }
}
