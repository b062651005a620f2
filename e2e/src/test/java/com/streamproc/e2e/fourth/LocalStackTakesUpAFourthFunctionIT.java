package com.streamproc.e2e.fourth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.deployment.SamTemplate;
import com.streamproc.local.stack.LocalStack;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.QuarantineKeys;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.TemplateIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * The local stack takes up page-count from its template block and its deployment zip alone: run on the project's
 * template plus {@code page-count-template.yaml} (with {@code --template}'s {@link StackPaths#template()}), it
 * creates page-count's stream and tables, starts its event source mapping from the block, runs its handler in a JVM
 * of its own from the zip, and the shared core inside that JVM applies its valid records and quarantines its poison
 * in its quarantine table with the decoder's reason codes.
 *
 * <p>Page-count has no function module, so this test builds its zip as one would be built: its classes (this
 * package's, without the tests) and {@code META-INF/services} lines for its descriptor and questions at the root,
 * and in {@code lib/} the runtime every function zip carries (the shared core, the AWS SDK, Jackson), taken from
 * order-processing's zip, which the reactor builds before this module. Page-count counts in memory, inside the
 * function's JVM, so its effect is read where the core shows it: its {@code batch processed} log lines, the mapping's
 * counters and its quarantine table.
 *
 * <p>The composed template lies in a temporary directory, and a {@code CodeUri} resolves against its template's
 * directory (as {@code sam} resolves it), so the test names every zip by its absolute path.
 */
class LocalStackTakesUpAFourthFunctionIT {
    private static final PageCountDescriptor PAGE_COUNT = new PageCountDescriptor();
    private static final TemplateIds IDS = PAGE_COUNT.templateIds();
    /** The zip whose {@code lib/} page-count's zip takes: any function's would do, they carry the same runtime. */
    private static final Path RUNTIME_ZIP = Path.of("functions", "order-processing", "target",
            "order-processing-lambda.zip");
    private static final Pattern TEST_CLASS = Pattern.compile(".*(Test|IT)(\\$.*)?\\.class");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runsItFromItsBlockAndZipAndItsCoreAppliesAndQuarantinesItsRecords() throws Exception {
        long started = System.nanoTime();
        Path root = projectRoot();
        Path zip = pageCountZip(root.resolve(RUNTIME_ZIP), dir.resolve("page-count-lambda.zip"));
        Path template = PageCountTemplate.write(withAbsoluteCodeUris(PageCountTemplate.composed(block -> { }), root,
                zip), dir.resolve("template-with-page-count.json"));
        StackPaths paths = new StackPaths(root, dir.resolve("state"), template);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());

        Map<String, Put> puts = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(paths, Map.of(), false, progress::add)) {
            assertThat(progress).anyMatch(line -> line.equals("creating the streams and tables of " + template));
            List<LocalStack.RunningMapping> mappings = stack.startFunctions(1, progress::add);

            // Every function of the composed template runs, page-count beside the three deployed ones.
            List<String> functions = new ArrayList<>(FunctionDescriptors.all().stream()
                    .map(d -> d.templateIds().function()).toList());
            assertThat(mappings).extracting(m -> m.function().logicalId())
                    .containsExactlyInAnyOrderElementsOf(functions).contains(IDS.function());
            LocalStack.RunningMapping pages = mappings.stream()
                    .filter(m -> m.function().logicalId().equals(IDS.function())).findFirst().orElseThrow();
            assertThat(pages.function().definition().codeZip()).isEqualTo(zip);
            assertThat(pages.function().definition().handler())
                    .isEqualTo(PageCountHandler.class.getName() + "::handleRequest");
            assertThat(pages.source().streamName()).isEqualTo(stack.template().physicalNames().get(IDS.stream()))
                    .endsWith("-" + PAGE_COUNT.resourceSuffixes().stream());
            assertThat(pages.source().settings().reportBatchItemFailures()).isTrue();
            String quarantineTable = stack.template().physicalNames().get(IDS.quarantineTable());
            assertThat(quarantineTable).endsWith("-" + PAGE_COUNT.resourceSuffixes().quarantineTable());

            // Valid views (the partition key is the page, as the descriptor requires) and two poison records.
            for (String page : List.of("/home", "/pricing", "/home", "/docs", "/home")) {
                puts.put(page + "#" + puts.size(), put(stack, pages.source().streamName(), page,
                        "{\"page\":\"" + page + "\"}", null));
            }
            puts.put("not json", put(stack, pages.source().streamName(), "/broken", "{\"page\":", "INVALID_JSON"));
            puts.put("no page", put(stack, pages.source().streamName(), "/nowhere", "{\"visitor\":\"v-1\"}",
                    "MISSING_FIELD"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (pages.counters().succeeded() < puts.size() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(pages.counters().succeeded()).as("records done by %s; status %s; log:%n%s", IDS.function(),
                    pages.status(), readLog(paths, IDS.function())).isEqualTo(puts.size());
            assertThat(pages.status()).startsWith(IDS.function() + ": read " + puts.size() + ", done " + puts.size()
                    + ", failed 0");

            // The core's log lines in the function's log: every record applied or quarantined, none failed.
            List<JsonNode> batches = batchLines(readLog(paths, IDS.function()));
            assertThat(batches).as("batch processed lines").isNotEmpty()
                    .allSatisfy(line -> assertThat(line.get("function").asText()).isEqualTo(PageCountDescriptor.NAME));
            assertThat(batches.stream().mapToInt(line -> line.get("applied").asInt()).sum()).isEqualTo(5);
            assertThat(batches.stream().mapToInt(line -> line.get("quarantined").asInt()).sum()).isEqualTo(2);
            assertThat(batches.stream().mapToInt(line -> line.get("failed").asInt()).sum()).isZero();
            Map<String, Integer> reasons = new TreeMap<>();
            batches.forEach(line -> line.get("quarantineReasons").fields()
                    .forEachRemaining(reason -> reasons.merge(reason.getKey(), reason.getValue().asInt(),
                            Integer::sum)));
            assertThat(reasons).isEqualTo(Map.of("INVALID_JSON", 1, "MISSING_FIELD", 1));

            // Each poison record in page-count's quarantine table under its shard and sequence number, with its reason;
            // no valid one there.
            for (Map.Entry<String, Put> entry : puts.entrySet()) {
                Put put = entry.getValue();
                Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(quarantineTable)
                        .consistentRead(true).key(QuarantineKeys.tableKey(put.shardId(),
                                RecordRef.padSequence(put.sequenceNumber())))).item();
                if (put.reason() == null) {
                    assertThat(item).as(entry.getKey()).isNullOrEmpty();
                } else {
                    assertThat(item).as(entry.getKey()).isNotEmpty();
                    assertThat(item.get("reason").s()).as(entry.getKey()).isEqualTo(put.reason());
                    assertThat(item.get("function").s()).isEqualTo(PageCountDescriptor.NAME);
                    assertThat(item.get("sequenceNumber").s()).isEqualTo(put.sequenceNumber());
                }
            }
        }
        System.out.printf("[local-stack] page-count taken up from its block and zip in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** What took page-count up is the template and the zip: the local stack's sources name nothing of it. */
    @Test
    void theLocalStacksSourcesNameNothingOfIt() throws IOException {
        List<String> names = new ArrayList<>(List.of(PageCountDescriptor.NAME, IDS.function(), IDS.stream(),
                IDS.table(), IDS.quarantineTable(), PageCountHandler.class.getSimpleName(),
                PageCountHandler.class.getPackageName(), "\"" + PAGE_COUNT.eventType() + "\""));
        Path sources = projectRoot().resolve(Path.of("local", "src", "main"));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                names.stream().filter(text::contains)
                        .forEach(name -> found.add(sources.relativize(file) + ": " + name));
            }
        }
        assertThat(found).as("names of page-count in %s", sources).isEmpty();
    }

    /** A record put on page-count's stream, and the reason code it must be quarantined with (null: applied). */
    private record Put(String shardId, String sequenceNumber, String reason) {
    }

    private static Put put(LocalStack stack, String stream, String partitionKey, String data, String reason) {
        PutRecordResponse response = stack.kinesis().putRecord(b -> b.streamName(stream).partitionKey(partitionKey)
                .data(SdkBytes.fromUtf8String(data)));
        return new Put(response.shardId(), response.sequenceNumber(), reason);
    }

    /**
     * Page-count's deployment zip as a function module would build it: its classes (this package without the
     * tests) and the service lines of its descriptor and questions at the root, the runtime of {@code runtimeZip} in
     * {@code lib/}.
     */
    private static Path pageCountZip(Path runtimeZip, Path target) throws IOException, URISyntaxException {
        assertThat(runtimeZip).as("built by the reactor before e2e").isRegularFile();
        Path classes = Path.of(PageCountDescriptor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packageDir = PageCountDescriptor.class.getPackageName().replace('.', '/');
        int libs = 0;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            try (Stream<Path> files = Files.list(classes.resolve(packageDir))) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class") && !TEST_CLASS.matcher(name).matches()) {
                        entry(out, packageDir + "/" + name, Files.readAllBytes(file));
                    }
                }
            }
            entry(out, "META-INF/services/com.streamproc.shared.function.FunctionDescriptor",
                    (PageCountDescriptor.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            entry(out, "META-INF/services/com.streamproc.shared.function.AnalystQuestions",
                    (PageCountQuestions.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            try (ZipFile runtime = new ZipFile(runtimeZip.toFile())) {
                Enumeration<? extends ZipEntry> entries = runtime.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("lib/") && !entry.isDirectory()) {
                        try (InputStream in = runtime.getInputStream(entry)) {
                            entry(out, entry.getName(), in.readAllBytes());
                        }
                        libs++;
                    }
                }
            }
        }
        assertThat(libs).as("jars in lib/ of %s", runtimeZip).isPositive();
        return target;
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /**
     * {@code template} with every function's {@code CodeUri} absolute: the deployed functions' zips where the project
     * builds them, page-count's {@code zip}.
     */
    private static Map<String, Object> withAbsoluteCodeUris(Map<String, Object> template, Path root, Path zip) {
        PageCountTemplate.asMap(template.get("Resources")).forEach((id, resource) -> {
            if (SamTemplate.FUNCTION_TYPE.equals(PageCountTemplate.asMap(resource).get("Type"))) {
                Map<String, Object> properties = PageCountTemplate.asMap(PageCountTemplate.asMap(resource)
                        .get("Properties"));
                Path code = id.equals(IDS.function()) ? zip
                        : root.resolve(String.valueOf(properties.get("CodeUri"))).normalize();
                properties.put("CodeUri", code.toString());
            }
        });
        return template;
    }

    private static String readLog(StackPaths paths, String logicalId) throws IOException {
        Path log = paths.functionLog(logicalId);
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no " + log + ")";
    }

    /** The core's {@code batch processed} lines among a function's log lines. */
    private static List<JsonNode> batchLines(String log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            int start = line.indexOf('{');
            if (start >= 0 && line.contains("\"batch processed\"")) {
                JsonNode node = JSON.readTree(line.substring(start));
                if ("batch processed".equals(node.path("message").asText())) {
                    lines.add(node);
                }
            }
        }
        return lines;
    }

    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
