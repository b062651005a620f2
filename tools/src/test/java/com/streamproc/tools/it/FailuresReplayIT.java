package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.AwsClients;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.emulators.TemplateResources;
import com.streamproc.local.esm.JsonLinesFailureDestination;
import com.streamproc.local.stack.LocalStack;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.local.template.LocalTemplate;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.EndpointConnections;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.failures.FailureTarget;
import com.streamproc.tools.produce.FunctionContracts;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code failures list|replay} end to end on the local stack: the functions run in their own JVMs from their deployment
 * zips behind the stack's event source mappings. The mappings of order processing and data cleansing give up on a
 * first batch of their streams (its records are older than a short {@code MaximumRecordAgeInSeconds} when the mappings
 * start) and apply a second one; the replay through the stack's Lambda Invoke endpoint must leave each table as a run
 * that applied every record once: the same records fed in order to the functions' handlers on the tables of a
 * reference environment. Activity tracking's mapping keeps the template's settings, which never give up: its first
 * batch arrives while its table is missing (an outage its handler reports, record by record, as unfinished), the
 * mapping retries it until the table is back, and the table must equal the reference with no on-failure record; a
 * replay of a range it applied must then change nothing.
 */
class FailuresReplayIT {
    private static final String REFERENCE_ENV = "failref";
    private static final Duration MAX_RECORD_AGE = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Path stateDir;
    private static LocalStack stack;
    private static ToolContext tools;
    private static final Map<PipelineFunction, List<String>> GIVEN_UP = new java.util.TreeMap<>();
    private static final Map<PipelineFunction, List<String>> APPLIED = new java.util.TreeMap<>();
    /** Activity's mapping during its table's outage: invocations, and whether a failure file appeared. */
    private static long activityOutageInvocations;
    private static long activityOutageDiscarded;
    private static boolean activityFailureFileDuringOutage;

    @BeforeAll
    static void giveUpOnAFirstBatchAndApplyASecond() throws Exception {
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        stateDir = Path.of("target", "failures-it-stack").toAbsolutePath();
        deleteTree(stateDir);
        StackPaths paths = new StackPaths(projectRoot, stateDir);
        stack = LocalStack.start(paths, Map.of(), false, message -> { });
        tools = context(null);
        // The outage: activity's table is gone while its first batch arrives.
        LocalTemplate local = LocalTemplate.read(paths.template(), Map.of());
        TemplateResources.Table activityTable = local.resources().tables().stream()
                .filter(t -> t.tableName().equals(TestFunctions.ACTIVITY_TRACKING.tableName("local"))).findFirst()
                .orElseThrow();
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint())) {
            dynamoDb.deleteTable(b -> b.tableName(activityTable.tableName()));
        }
        for (PipelineFunction function : PipelineFunction.values()) {
            GIVEN_UP.put(function, events(function, "a"));
            APPLIED.put(function, events(function, "b"));
            produce(function, "local", GIVEN_UP.get(function));
        }
        Thread.sleep(MAX_RECORD_AGE.plusSeconds(1).toMillis());

        // A short maximum age where the template gives up at all; activity's mapping keeps its -1 and -1.
        List<LocalStack.RunningMapping> mappings = stack.startFunctions(1, settings ->
                settings.onFailureDestination() == null ? settings : settings.withMaximumRecordAge(MAX_RECORD_AGE),
                message -> { });
        tools = context(stack.invokeEndpoint().orElseThrow().toString());
        LocalStack.RunningMapping activity = mappings.stream()
                .filter(m -> function(m) == TestFunctions.ACTIVITY_TRACKING).findFirst().orElseThrow();
        awaitTrue("the mappings give up on the first batches", () -> mappings.stream()
                .filter(m -> m != activity).allMatch(m -> JsonLinesFailureDestination.discardedRecords(
                        m.failureFile()) == GIVEN_UP.get(function(m)).size()));
        awaitTrue("activity's mapping retries its first batch", () -> activity.counters().invocations() >= 4);
        activityOutageInvocations = activity.counters().invocations();
        activityOutageDiscarded = activity.counters().discarded();
        activityFailureFileDuringOutage = Files.exists(activity.failureFile());
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint());
             var kinesis = AwsClients.kinesis(stack.kinesisEndpoint())) {
            new ResourceFactory(dynamoDb, kinesis).createTable(activityTable);
        }
        for (PipelineFunction function : PipelineFunction.values()) {
            produce(function, "local", APPLIED.get(function));
        }
        awaitTrue("the mappings apply the second batches (and activity its first)", () -> mappings.stream()
                .allMatch(m -> m.counters().succeeded() == APPLIED.get(function(m)).size()
                        + (m == activity ? GIVEN_UP.get(function(m)).size() : 0)));
        activityFailureFileDuringOutage |= Files.exists(activity.failureFile());

        // The reference: every record applied once, in stream order, by the handlers on their own tables.
        LocalTemplate reference = LocalTemplate.read(paths.template(), Map.of("EnvironmentName", REFERENCE_ENV));
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint());
             var kinesis = AwsClients.kinesis(stack.kinesisEndpoint())) {
            new ResourceFactory(dynamoDb, kinesis).createAll(reference.resources());
        }
        try (LocalPipeline pipeline = new LocalPipeline(AwsClients.dynamoDb(stack.dynamoDbEndpoint()),
                AwsClients.kinesis(stack.kinesisEndpoint()), REFERENCE_ENV)) {
            for (PipelineFunction function : PipelineFunction.values()) {
                produce(function, REFERENCE_ENV, GIVEN_UP.get(function));
                produce(function, REFERENCE_ENV, APPLIED.get(function));
                pipeline.deliverNew(function);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void orderProcessingReplayAppliesTheGivenUpBatchOnce() throws Exception {
        replayAppliesTheGivenUpBatchOnce(TestFunctions.ORDER_PROCESSING);
    }

    @Test
    void dataCleansingReplayAppliesTheGivenUpBatchOnce() throws Exception {
        replayAppliesTheGivenUpBatchOnce(TestFunctions.DATA_CLEANSING);
    }

    @Test
    void activityTrackingRidesOutATableOutageWithoutGivingUpAndCountsEveryRecordOnce() throws Exception {
        PipelineFunction function = TestFunctions.ACTIVITY_TRACKING;
        String[] select = {"--function", function.functionName(), "--local-stack", stateDir.toString()};

        CommandRun listed = CommandRun.run(tools, concat("failures", "list", select, "--format", "json"));

        // Retried with backoff through the outage (at least 3 retries after the first attempt), nothing given up.
        assertThat(activityOutageInvocations).isGreaterThanOrEqualTo(4);
        assertThat(activityOutageDiscarded).isZero();
        assertThat(activityFailureFileDuringOutage).as("a failure file of activity-tracking").isFalse();
        assertThat(comparable(function, function.tableName("local")))
                .isEqualTo(comparable(function, function.tableName(REFERENCE_ENV)));
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCodes.OK);
        assertThat(PrintedRows.parse("json", listed.out())).isEmpty();
        assertThat(listed.err()).contains("activity-tracking: its event source mapping never gives up on a batch",
                "failures list: 0 on-failure record(s)");
    }

    @Test
    void activityTrackingReplayOfARangeItAppliedChangesNothing(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        PipelineFunction function = TestFunctions.ACTIVITY_TRACKING;
        String table = function.tableName("local");
        List<String> ranges = onFailureRecordsOfAppliedBatch(function, "act-a");
        Path failures = dir.resolve("failures").resolve(FailureTarget.of(function).logicalId() + ".jsonl");
        Files.createDirectories(failures.getParent());
        Files.write(failures, ranges);
        String[] select = {"--function", function.functionName(), "--local-stack", dir.toString()};
        List<String> before = scan(table);

        CommandRun listed = CommandRun.run(tools, concat("failures", "list", select, "--format", "json"));
        CommandRun replay = CommandRun.run(tools, concat("failures", "replay", select, "--execute"));

        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCodes.OK);
        assertThat(PrintedRows.parse("json", listed.out())).hasSize(ranges.size());
        assertThat(listed.err()).contains("never gives up on a batch", "written by hand");
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.err()).contains("only if its sequence number is above that item's high-water mark",
                "ranges=" + ranges.size() + " read=" + GIVEN_UP.get(function).size() + " applied="
                        + GIVEN_UP.get(function).size() + " unfinished=0");
        assertThat(scan(table)).isEqualTo(before);
        assertThat(comparable(function, table)).isEqualTo(comparable(function, function.tableName(REFERENCE_ENV)));
    }

    /**
     * On-failure records as Lambda writes them, one per shard, for the records of {@code function}'s local stream whose
     * event id starts with {@code eventIdPrefix}.
     */
    private static List<String> onFailureRecordsOfAppliedBatch(PipelineFunction function, String eventIdPrefix) {
        String stream = function.streamName("local");
        List<String> lines = new ArrayList<>();
        try (var kinesis = AwsClients.kinesis(stack.kinesisEndpoint())) {
            for (var shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                List<software.amazon.awssdk.services.kinesis.model.Record> batch = new ArrayList<>();
                for (int i = 0; i < 20 && iterator != null; i++) {
                    String current = iterator;
                    var page = kinesis.getRecords(b -> b.shardIterator(current));
                    page.records().stream().filter(r -> r.data().asUtf8String().contains("\"eventId\":\""
                            + eventIdPrefix)).forEach(batch::add);
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
                if (batch.isEmpty()) {
                    continue;
                }
                var first = batch.get(0);
                var last = batch.get(batch.size() - 1);
                lines.add("{\"requestContext\":{\"requestId\":\"r-" + shard.shardId() + "\",\"functionArn\":"
                        + "\"arn:aws:lambda:us-east-1:000000000000:function:local-" + function.functionName()
                        + "\",\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":1001},"
                        + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"},\"version\":"
                        + "\"1.0\",\"timestamp\":\"" + Instant.now() + "\",\"KinesisBatchInfo\":{\"shardId\":\""
                        + shard.shardId() + "\",\"startSequenceNumber\":\"" + first.sequenceNumber()
                        + "\",\"endSequenceNumber\":\"" + last.sequenceNumber() + "\","
                        + "\"approximateArrivalOfFirstRecord\":\"" + first.approximateArrivalTimestamp()
                        + "\",\"approximateArrivalOfLastRecord\":\"" + last.approximateArrivalTimestamp()
                        + "\",\"batchSize\":" + batch.size() + ",\"streamArn\":\"arn:aws:kinesis:us-east-1:"
                        + "000000000000:stream/" + stream + "\"}}");
            }
        }
        return lines;
    }

    @Test
    void rangeOfAShardThatIsGoneIsReportedAsExpiredAndKept(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path failures = dir.resolve("failures").resolve("OrderProcessingFunction.jsonl");
        Files.createDirectories(failures.getParent());
        Files.writeString(failures, """
                {"requestContext":{"requestId":"r-1","functionArn":"arn:aws:lambda:us-east-1:000000000000:function:local-order-processing","condition":"RetryAttemptsExhausted","approximateInvokeCount":3},"responseContext":{"statusCode":200,"executedVersion":"$LATEST"},"version":"1.0","timestamp":"2026-11-27T10:00:00Z","KinesisBatchInfo":{"shardId":"shardId-000000000099","startSequenceNumber":"49590338271490256608559692538361571095921575989136588898","endSequenceNumber":"49590338271490256608559692538361571095921575989136588899","approximateArrivalOfFirstRecord":"2026-11-27T09:59:00Z","approximateArrivalOfLastRecord":"2026-11-27T09:59:01Z","batchSize":2,"streamArn":"arn:aws:kinesis:us-east-1:000000000000:stream/local-orders"}}
                """);

        CommandRun run = CommandRun.run(tools, "failures", "replay", "--function", "orders", "--local-stack",
                dir.toString(), "--execute");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("range shardId-000000000099/49590338271490256608559692538361571095921575989136588898"
                + "..49590338271490256608559692538361571095921575989136588899 has expired from the stream: shard "
                + "shardId-000000000099 of stream local-orders no longer exists");
        assertThat(run.err()).contains("the on-failure record is kept");
        assertThat(dir.resolve("failures").resolve("OrderProcessingFunction.replayed.jsonl")).doesNotExist();
    }

    private void replayAppliesTheGivenUpBatchOnce(PipelineFunction function) throws Exception {
        String table = function.tableName("local");
        String[] select = {"--function", function.functionName(), "--local-stack", stateDir.toString()};

        List<Map<String, String>> listed = list(select);
        assertThat(listed).isNotEmpty().allSatisfy(row -> {
            assertThat(row).containsEntry("function", function.functionName()).containsEntry("inStream", "yes")
                    .containsEntry("replayed", "no").containsEntry("condition", "RecordAgeExceeded")
                    .containsEntry("stream", function.streamName("local"));
        });
        assertThat(listed.stream().mapToInt(row -> Integer.parseInt(row.get("batchSize"))).sum())
                .isEqualTo(GIVEN_UP.get(function).size());
        List<String> beforeReplay = scan(table);
        List<String> reference = comparable(function, function.tableName(REFERENCE_ENV));
        assertThat(comparable(function, table)).as("the given-up records are missing").isNotEqualTo(reference);

        CommandRun dryRun = CommandRun.run(tools, concat("failures", "replay", select));
        assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
        // The batch size comes from the mapping, as the local stack's Lambda endpoint lists it.
        assertThat(dryRun.err()).contains("would replay").contains(" invocation(s) of ");
        assertThat(scan(table)).isEqualTo(beforeReplay);

        CommandRun replay = CommandRun.run(tools, concat("failures", "replay", select, "--execute"));
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.err()).contains("applied=" + GIVEN_UP.get(function).size() + " unfinished=0")
                .contains(" records per invocation at most (BatchSize of the event source mapping)");
        List<String> afterReplay = scan(table);
        assertThat(comparable(function, table)).isEqualTo(reference);
        assertThat(list(select)).allSatisfy(row -> assertThat(row).containsEntry("replayed", "yes"));

        CommandRun nothingLeft = CommandRun.run(tools, concat("failures", "replay", select, "--execute"));
        assertThat(nothingLeft.err()).contains("ranges=0");
        CommandRun again = CommandRun.run(tools, concat("failures", "replay", select, "--execute",
                "--include-replayed"));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(scan(table)).isEqualTo(afterReplay);
    }

    private static List<Map<String, String>> list(String... select) throws Exception {
        CommandRun run = CommandRun.run(tools, concat("failures", "list", select, "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse("json", run.out());
    }

    /** Events of one batch; {@code batch} keeps the batches' keys apart where the function's order would matter. */
    private static List<String> events(PipelineFunction function, String batch) {
        List<String> events = new ArrayList<>();
        String at = NOW.minus(Duration.ofMinutes(30)).toString();
        for (int i = 1; i <= 6; i++) {
            events.add(switch (function.functionName()) {
                case "order-processing" -> "{\"schemaVersion\":1,\"eventId\":\"evt-" + batch + i + "\",\"type\":"
                        + "\"ORDER_PLACED\",\"orderId\":\"ord-" + batch + i + "\",\"customerId\":\"cust-" + i
                        + "\",\"occurredAt\":\"" + at + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-" + i
                        + "\",\"quantity\":" + i + ",\"unitPrice\":\"2.50\"}],\"total\":\"" + (i * 5 / 2) + "."
                        + (i % 2 == 0 ? "00" : "50") + "\"}";
                // The same users in both batches: the given-up batch must add to the counts the later one moved on.
                case "activity-tracking" -> "{\"schemaVersion\":1,\"eventId\":\"act-" + batch + i + "\",\"userId\":"
                        + "\"user-" + (i % 3) + "\",\"action\":\"" + (i % 2 == 0 ? "search" : "login")
                        + "\",\"occurredAt\":\"" + at + "\",\"sessionId\":\"sess-" + i + "\"}";
                case "data-cleansing" -> "{\"schemaVersion\":1,\"sourceSystem\":\"crm\",\"sourceRecordId\":\"c-" + batch
                        + i + "\",\"updatedAt\":\"" + at + "\",\"email\":\"person." + batch + i
                        + "@example.com\",\"phone\":\"+33 1 23 45 67 8" + i + "\",\"fullName\":\"Person " + batch + i
                        + "\",\"country\":\"France\"}";
                default -> throw new IllegalArgumentException("no events for " + function);
            });
        }
        return events;
    }

    private static void produce(PipelineFunction function, String env, List<String> events) throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "failures-it-", ".jsonl");
        Files.write(file, events);
        CommandRun run = CommandRun.run(tools, "produce", "--env", env, "--input",
                function.eventType() + "=" + file, "--quiet", "--rejects", file + ".rejects", "--unsent",
                file + ".unsent");
        assertThat(run.exitCode()).as("produce: %s", run.err()).isEqualTo(ExitCodes.OK);
    }

    private static ToolContext context(String lambdaEndpoint) {
        EndpointConnections connections = new EndpointConnections(stack.kinesisEndpoint(), stack.dynamoDbEndpoint());
        return new ToolContext(lambdaEndpoint == null ? connections
                : connections.withLambda(java.net.URI.create(lambdaEndpoint)), FunctionContracts::standard,
                new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
    }

    private static PipelineFunction function(LocalStack.RunningMapping mapping) {
        for (PipelineFunction function : PipelineFunction.values()) {
            if (FailureTarget.of(function).logicalId().equals(mapping.function().logicalId())) {
                return function;
            }
        }
        throw new IllegalArgumentException(mapping.function().logicalId());
    }

    /** Every item of the table, attributes in name order, items sorted: to see that nothing changed. */
    private static List<String> scan(String table) {
        return items(table).stream().map(FailuresReplayIT::render).sorted().toList();
    }

    /** An item with its attributes, and those of nested maps, in name order. */
    private static String render(Map<String, AttributeValue> item) {
        StringBuilder text = new StringBuilder("{");
        new TreeMap<>(item).forEach((name, value) -> text.append(text.length() > 1 ? ", " : "").append(name)
                .append('=').append(render(value)));
        return text.append('}').toString();
    }

    private static String render(AttributeValue value) {
        if (value.hasM()) {
            return render(value.m());
        }
        if (value.hasL()) {
            return value.l().stream().map(FailuresReplayIT::render).toList().toString();
        }
        return value.toString();
    }

    private static List<Map<String, AttributeValue>> items(String table) {
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint())) {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamoDb.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
            return items;
        }
    }

    /**
     * What the function's records made of the table, without what depends on the run rather than on the records:
     * the time of the write ({@code updatedAt}), and which shard, sequence number or batch wrote what (orders' change
     * items are keyed by batch, activity's action-hour items by shard; activity's marks and event-id digests hold
     * sequence numbers). Those are compared by their sums: the order ids per day and status, the counts per action
     * and hour.
     */
    private static List<String> comparable(PipelineFunction function, String table) {
        List<String> lines = new ArrayList<>();
        Map<String, java.util.SortedSet<String>> changes = new TreeMap<>();
        Map<String, Long> actionCounts = new TreeMap<>();
        for (Map<String, AttributeValue> original : items(table)) {
            Map<String, AttributeValue> item = new TreeMap<>(original);
            item.remove("updatedAt");
            if (function == TestFunctions.ORDER_PROCESSING && item.get("orderId").s().startsWith("CHANGES#")) {
                item.get("changes").m().forEach((status, ids) -> changes.computeIfAbsent(
                        item.get("changeDay").s() + " " + status, k -> new java.util.TreeSet<>()).addAll(ids.ss()));
                continue;
            }
            if (function == TestFunctions.ACTIVITY_TRACKING && item.get("pk").s().startsWith("ACTION#")) {
                actionCounts.merge(item.get("pk").s(), Long.parseLong(item.get("count").n()), Long::sum);
                continue;
            }
            if (function == TestFunctions.ACTIVITY_TRACKING) {
                item.keySet().removeAll(Set.of("hwm", "idSegs", "ids"));
            }
            lines.add(render(item));
        }
        changes.forEach((key, ids) -> lines.add("changes " + key + " " + ids));
        actionCounts.forEach((key, count) -> lines.add(key + " count " + count));
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    private static String[] concat(String a, String b, String[] middle, String... rest) {
        return Stream.of(Stream.of(a, b), Stream.of(middle), Stream.of(rest)).flatMap(s -> s).toArray(String[]::new);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; function logs in " + stateDir);
            }
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
