package com.streamproc.deployment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the readable sample sources {@code events/<function>/<name>.jsonl} into {@code events/<function>/<name>.json}:
 * the Kinesis batch exactly as Lambda delivers it (for {@code sam local invoke -e} and for tests).
 *
 * <p>The function is the one whose {@code FunctionName} in {@code sam-template.yaml} is
 * {@code ${EnvironmentName}-<function>}; its Kinesis event source names the stream that goes into
 * {@code eventSourceARN} (with {@code EnvironmentName} {@value #ENVIRONMENT}). Output is deterministic: fixed
 * sequence numbers and arrival times, so regenerating unchanged sources gives identical files.
 */
public final class SampleEventGenerator {
    public static final String ENVIRONMENT = "local";
    public static final String REGION = "us-east-1";
    /** The documentation placeholder account. */
    public static final String ACCOUNT = "123456789012";
    /** A realistic 56-digit Kinesis sequence number; a file's records count up from it. */
    public static final BigInteger FIRST_SEQUENCE =
            new BigInteger("49590338271490256608559692538361571095921575989136588898");
    public static final Instant FIRST_ARRIVAL = Instant.parse("2026-11-27T10:00:00Z");
    static final long ARRIVAL_STEP_MILLIS = 250;
    /** How to regenerate, from the project root (named in the stale-file failure of the up-to-date test). */
    public static final String REGENERATE_COMMAND = "mvn -q -pl deployment -DskipHandlerCheck compile exec:java";

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final ObjectMapper lineMapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final ObjectMapper eventMapper = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    public SampleEventGenerator(SamTemplate template) {
        this.template = template;
        Map<String, String> resolved = new LinkedHashMap<>(template.parameterDefaults());
        resolved.put("EnvironmentName", ENVIRONMENT);
        resolved.put("AWS::Region", REGION);
        resolved.put("AWS::AccountId", ACCOUNT);
        this.parameters = Map.copyOf(resolved);
    }

    /**
     * Generates every {@code .json} from the {@code .jsonl} sources one level below {@code eventsDir}, in memory.
     *
     * @return output file → content, sorted by path
     */
    public Map<Path, String> generateAll(Path eventsDir) {
        Map<Path, String> outputs = new TreeMap<>();
        for (Path source : sources(eventsDir)) {
            String function = source.getParent().getFileName().toString();
            String name = source.getFileName().toString();
            String label = eventsDir.getFileName() + "/" + function + "/" + name;
            List<String> lines;
            try {
                lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + label, e);
            }
            Path target = source.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + ".json");
            outputs.put(target, generate(function, label, lines));
        }
        return outputs;
    }

    /** The {@code .jsonl} files in the function directories directly below {@code eventsDir}, sorted. */
    public static List<Path> sources(Path eventsDir) {
        if (!Files.isDirectory(eventsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(eventsDir, 2)) {
            return files.filter(p -> p.getNameCount() == eventsDir.getNameCount() + 2)
                    .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + eventsDir, e);
        }
    }

    /**
     * One batch in Lambda's JSON from the lines of one source.
     *
     * @param function    the directory name below {@code events/}, e.g. {@code order-processing}
     * @param sourceLabel names the source in error messages
     * @throws IllegalArgumentException naming {@code sourceLabel:line} for a bad line, or the function when the
     *                                  template has none of that name
     */
    public String generate(String function, String sourceLabel, List<String> lines) {
        String streamArn = streamArnOf(function);
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + ENVIRONMENT + "-" + function + "-role";
        List<SampleRecordLine> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(SampleRecordLine.parse(lines.get(i), lineMapper, sourceLabel + ":" + (i + 1)));
            }
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(sourceLabel + ": no records");
        }
        ObjectNode root = eventMapper.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (int i = 0; i < records.size(); i++) {
            SampleRecordLine record = records.get(i);
            String sequence = FIRST_SEQUENCE.add(BigInteger.valueOf(i)).toString();
            ObjectNode item = array.addObject();
            ObjectNode kinesis = item.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", sequence);
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data()));
            kinesis.put("approximateArrivalTimestamp", arrivalSeconds(i));
            item.put("eventSource", "aws:kinesis");
            item.put("eventVersion", "1.0");
            item.put("eventID", record.shardOrDefault() + ":" + sequence);
            item.put("eventName", "aws:kinesis:record");
            item.put("invokeIdentityArn", roleArn);
            item.put("awsRegion", REGION);
            item.put("eventSourceARN", streamArn);
        }
        try {
            return eventMapper.writer(prettyPrinter()).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + sourceLabel, e);
        }
    }

    /** The ARN of the stream the function named {@code ${EnvironmentName}-<function>} consumes. */
    public String streamArnOf(String function) {
        String functionName = ENVIRONMENT + "-" + function;
        for (String id : template.logicalIdsOfType(SamTemplate.FUNCTION_TYPE)) {
            Object name = template.properties(id).get("FunctionName");
            if (name != null && functionName.equals(SamTemplate.resolveString(name, parameters))) {
                return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + streamNameOf(id);
            }
        }
        throw new IllegalArgumentException("events/" + function + ": no function in the template has FunctionName "
                + "${EnvironmentName}-" + function);
    }

    /**
     * The name of the stream the function consumes: through an {@code AWS::Lambda::EventSourceMapping} on the
     * function (or its alias), or a {@code Kinesis} event of the function.
     */
    private String streamNameOf(String functionId) {
        for (String mappingId : template.logicalIdsOfType(SamTemplate.EVENT_SOURCE_MAPPING_TYPE)) {
            Map<String, Object> mapping = template.properties(mappingId);
            if (SamTemplate.namesFunction(mapping.get("FunctionName"), functionId)) {
                return streamName(functionId, mapping.get("EventSourceArn"));
            }
        }
        Object events = template.properties(functionId).get("Events");
        if (events != null) {
            for (Object event : SamTemplate.asMap(events).values()) {
                Map<String, Object> source = SamTemplate.asMap(event);
                if ("Kinesis".equals(source.get("Type"))) {
                    return streamName(functionId, SamTemplate.asMap(source.get("Properties")).get("Stream"));
                }
            }
        }
        throw new IllegalArgumentException(functionId + " has no Kinesis event source");
    }

    private String streamName(String functionId, Object streamArn) {
        if (streamArn instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts) {
            String streamId = String.valueOf(parts.get(0));
            return SamTemplate.resolveString(template.properties(streamId).get("Name"), parameters);
        }
        throw new IllegalArgumentException(functionId + ": the Kinesis stream is not named by !GetAtt <Stream>.Arn");
    }

    /** Epoch seconds with milliseconds as a fraction, the form Lambda uses. */
    private static BigDecimal arrivalSeconds(int index) {
        long millis = FIRST_ARRIVAL.toEpochMilli() + index * ARRIVAL_STEP_MILLIS;
        return BigDecimal.valueOf(millis, 3);
    }

    /** Two-space indent, LF line ends, {@code "key": value}: stable on every platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    /**
     * Writes every generated file that differs from what is on disk.
     *
     * @param args the project root (the directory holding sam-template.yaml and events/); default the current one
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        SampleEventGenerator generator = new SampleEventGenerator(SamTemplate.load(root.resolve("sam-template.yaml")));
        Map<Path, String> outputs = generator.generateAll(root.resolve("events"));
        int written = 0;
        for (Map.Entry<Path, String> output : outputs.entrySet()) {
            Path file = output.getKey();
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(output.getValue())) {
                Files.writeString(file, output.getValue(), StandardCharsets.UTF_8);
                written++;
                System.out.println("wrote " + root.relativize(file));
            }
        }
        System.out.println(outputs.size() + " sample events, " + written + " rewritten");
    }
}
