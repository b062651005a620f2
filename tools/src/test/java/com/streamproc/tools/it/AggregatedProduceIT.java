package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.shared.kpl.KplAggregate;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.produce.InputEvent;
import com.streamproc.tools.produce.ShardMap;
import com.streamproc.tools.produce.synthetic.SyntheticTraffic;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@code produce --aggregate} against kinesis-local with four shards per stream: the streams hold KPL aggregates, each
 * in the shard its user records' keys hash to, and de-aggregated (with the project's reader, and with awslabs'
 * npm module {@code aws-kinesis-agg} through node when it is installed) they are exactly the generated events, once
 * each, every key's in order.
 */
@ExtendWith(EmulatorStackExtension.class)
class AggregatedProduceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One user record as stored: where, and what. */
    record UserRecord(String stream, String shardId, String sequenceNumber, Long subSequenceNumber,
                      String partitionKey, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    @Test
    void aggregatesLandInTheShardsOfTheirKeysAndHoldEveryEventOnceInOrder(EmulatorStack stack, @TempDir Path dir)
            throws Exception {
        String env = "aggit";
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env, "ShardCount", "4"));
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        Map<PipelineFunction, Long> counts = new LinkedHashMap<>();
        counts.put(TestFunctions.ORDER_PROCESSING, 300L);
        counts.put(TestFunctions.ACTIVITY_TRACKING, 1200L);
        counts.put(TestFunctions.DATA_CLEANSING, 200L);

        CommandRun run = CommandRun.run(ItContexts.of(stack, clock), "produce", "--env", env,
                "--generate", "orders=300,activity=1200,customers=200", "--seed", "11", "--rate", "5000",
                "--linger", "30000", "--aggregate", "--quiet");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).as("counts are events").isEqualTo("sent=1700 retried=0 rejected=0 failed=0");
        // The same seed and clock give the same events, in the order they were generated.
        Map<String, List<String>> expectedByStreamAndKey = new LinkedHashMap<>();
        new SyntheticTraffic(counts, 11, 0, clock).forEachRemaining((InputEvent e) -> expectedByStreamAndKey
                .computeIfAbsent(e.function().streamName(env) + " " + contractKey(e.function(), e.data()),
                        k -> new ArrayList<>()).add(new String(e.data(), StandardCharsets.UTF_8)));

        List<UserRecord> users = new ArrayList<>();
        List<StreamContents.Stored> allStored = new ArrayList<>();
        int aggregates = 0;
        Map<String, String> recordKeyOfUserKey = new LinkedHashMap<>();
        try (KinesisClient kinesis = stack.kinesisClient()) {
            for (PipelineFunction function : PipelineFunction.values()) {
                String stream = function.streamName(env);
                Map<String, ShardMap.ShardRange> shards = new LinkedHashMap<>();
                for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                    shards.put(shard.shardId(), new ShardMap.ShardRange(shard.shardId(),
                            new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey())));
                }
                assertThat(shards).hasSize(4);
                List<StreamContents.Stored> stored = StreamContents.readAll(kinesis, stream);
                allStored.addAll(stored);
                for (StreamContents.Stored record : stored) {
                    ByteBuffer data = ByteBuffer.wrap(record.data());
                    List<UserRecord> inRecord = new ArrayList<>();
                    if (KplAggregate.isAggregated(data)) {
                        aggregates++;
                        List<KplAggregate.UserRecord> read = KplAggregate.read(data);
                        for (int i = 0; i < read.size(); i++) {
                            inRecord.add(new UserRecord(stream, record.shardId(), record.sequenceNumber(), (long) i,
                                    read.get(i).partitionKey(), bytes(read.get(i).data())));
                        }
                    } else {
                        inRecord.add(new UserRecord(stream, record.shardId(), record.sequenceNumber(), null,
                                record.partitionKey(), record.data()));
                    }
                    for (UserRecord user : inRecord) {
                        // Lambda orders per Kinesis partition key: every event of a key under one record key.
                        assertThat(recordKeyOfUserKey.putIfAbsent(stream + " " + user.partitionKey(),
                                record.partitionKey())).as("record keys of %s", user.partitionKey())
                                .isIn(null, record.partitionKey());
                        assertThat(shards.get(record.shardId()).holds(ShardMap.hashKeyOf(user.partitionKey())))
                                .as("%s in %s: the shard its key hashes to", user.partitionKey(), record.shardId())
                                .isTrue();
                        assertThat(user.partitionKey()).isEqualTo(contractKey(function, user.data()));
                    }
                    users.addAll(inRecord);
                }
                assertThat(stored.stream().map(StreamContents.Stored::shardId).distinct())
                        .as("%s: aggregates in several shards", stream).hasSizeGreaterThan(1);
            }
        }
        // Within one linger the events of a lane group share aggregates: at most 3 streams x 4 shards x 10 groups.
        // The linger is far longer than the run (the end of input flushes), so a slow machine cannot split them.
        assertThat(allStored.size()).as("Kinesis records, far fewer than events").isLessThanOrEqualTo(120);
        assertThat(aggregates).isPositive();
        assertThat(users).hasSize(1700);
        Map<String, List<String>> storedByStreamAndKey = new LinkedHashMap<>();
        users.forEach(u -> storedByStreamAndKey.computeIfAbsent(u.stream() + " " + u.partitionKey(),
                k -> new ArrayList<>()).add(u.text()));
        assertThat(storedByStreamAndKey).as("every key's events, once each, in the order they were produced")
                .isEqualTo(expectedByStreamAndKey);

        // The same records through awslabs' own reader: the same user records, sub-sequence numbers included.
        Path root = projectRoot();
        assumeTrue(root != null && Files.isDirectory(root.resolve("node_modules/aws-kinesis-agg")),
                "aws-kinesis-agg is not installed (run `npm ci` in the project root): independent check skipped");
        assumeTrue(nodeRuns(), "node is not on the PATH: independent check skipped");
        List<UserRecord> byNode = deaggregateWithNode(root, allStored, dir);
        assertThat(byNode).hasSameSizeAs(users);
        for (int i = 0; i < users.size(); i++) {
            UserRecord ours = users.get(i);
            UserRecord theirs = byNode.get(i);
            assertThat(theirs.sequenceNumber()).isEqualTo(ours.sequenceNumber());
            assertThat(theirs.subSequenceNumber()).isEqualTo(ours.subSequenceNumber());
            assertThat(theirs.partitionKey()).isEqualTo(ours.partitionKey());
            assertThat(theirs.data()).isEqualTo(ours.data());
        }
    }

    private static List<UserRecord> deaggregateWithNode(Path root, List<StreamContents.Stored> records, Path dir)
            throws Exception {
        ArrayNode input = JSON.createArrayNode();
        for (StreamContents.Stored record : records) {
            ObjectNode r = input.addObject();
            r.put("partitionKey", record.partitionKey());
            r.put("sequenceNumber", record.sequenceNumber());
            r.put("data", Base64.getEncoder().encodeToString(record.data()));
        }
        Path in = dir.resolve("records.json");
        Path out = dir.resolve("user-records.json");
        JSON.writeValue(in.toFile(), input);
        Process process = new ProcessBuilder("node",
                root.resolve("tools/src/test/node/deaggregate-with-aws-kinesis-agg.js").toString(), in.toString())
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(process.exitValue()).as("node's exit code").isZero();
        List<UserRecord> users = new ArrayList<>();
        for (JsonNode node : JSON.readTree(out.toFile())) {
            users.add(new UserRecord(null, null, node.get("sequenceNumber").asText(),
                    node.get("subSequenceNumber").isNull() ? null : node.get("subSequenceNumber").asLong(),
                    node.get("partitionKey").asText(), Base64.getDecoder().decode(node.get("data").asText())));
        }
        return users;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static boolean nodeRuns() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String contractKey(PipelineFunction function, byte[] json) {
        try {
            JsonNode event = JSON.readTree(json);
            return switch (function.functionName()) {
                case "order-processing" -> event.get("orderId").asText();
                case "activity-tracking" -> event.get("userId").asText();
                case "data-cleansing" -> event.get("sourceSystem").asText() + ":" + event.get("sourceRecordId").asText();
                default -> throw new IllegalArgumentException(function.functionName());
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
