package com.streamproc.local.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.emulators.AwsClients;
import com.streamproc.emulators.CloudFormationYaml;
import com.streamproc.emulators.TemplateResources;
import com.streamproc.emulators.TemplateValues;
import com.streamproc.local.esm.EsmSettings;
import com.streamproc.local.esm.RecordFilter;
import com.streamproc.local.esm.StartingPosition;
import com.streamproc.local.runtime.FunctionDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions of {@code sam-template.yaml} and their Kinesis event sources, resolved for the local stack. Tables
 * and streams (their names, shards, keys) come from the emulators module's {@link TemplateResources}, which also
 * creates them: this class only adds what that one does not read (functions, event sources, queue names), resolving
 * intrinsic functions with the emulators module's {@link TemplateValues}.
 *
 * <p>A function's Kinesis event sources are its {@code Events} of type {@code Kinesis} and the
 * {@value #EVENT_SOURCE_MAPPING_TYPE} resources whose {@code FunctionName} is the function ({@code !Ref Function},
 * {@code !Ref Function.Alias}, {@code !GetAtt Function.Arn} or its name) and whose {@code EventSourceArn} is a stream
 * of the template. Both have the same settings; the resource names its stream {@code EventSourceArn}.
 */
public final class LocalTemplate {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String EVENT_SOURCE_MAPPING_TYPE = "AWS::Lambda::EventSourceMapping";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A Kinesis event source of a function. {@code eventName} is the event's name under {@code Events}, or the
     * logical id of the {@value #EVENT_SOURCE_MAPPING_TYPE} resource.
     */
    public record KinesisSource(String eventName, String streamLogicalId, String streamName, String streamArn,
                                EsmSettings settings, boolean enabled, String destinationLogicalId,
                                List<String> ignoredProperties) {
    }

    /** A function and its event sources. */
    public record LocalFunction(FunctionDefinition definition, List<KinesisSource> kinesisSources) {
        public String logicalId() {
            return definition.logicalId();
        }
    }

    private final Path file;
    private final TemplateResources resources;
    private final Map<String, LocalFunction> functions;
    private final Map<String, String> physicalNames;

    private LocalTemplate(Path file, TemplateResources resources, Map<String, LocalFunction> functions,
                          Map<String, String> physicalNames) {
        this.file = file;
        this.resources = resources;
        this.functions = functions;
        this.physicalNames = physicalNames;
    }

    public static LocalTemplate read(Path template) {
        return read(template, Map.of());
    }

    @SuppressWarnings("unchecked")
    public static LocalTemplate read(Path template, Map<String, String> parameterOverrides) {
        Path file = template.toAbsolutePath().normalize();
        TemplateResources resources = TemplateResources.read(file, parameterOverrides);
        Map<String, Object> document = CloudFormationYaml.load(file);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        map(document.get("Resources")).forEach((id, value) -> all.put(id, map(value)));
        String region = AwsClients.REGION.id();
        TemplateValues values = new TemplateValues(region, AwsClients.ACCOUNT_ID, resources.parameters(),
                map(document.get("Conditions")), all, resources.physicalNames());

        // Names of the other named resources first (queues, functions), so references to them resolve.
        all.forEach((id, resource) -> {
            Map<String, Object> properties = map(resource.get("Properties"));
            Object name = switch (String.valueOf(resource.get("Type"))) {
                case "AWS::SQS::Queue" -> properties.get("QueueName");
                case FUNCTION_TYPE -> properties.get("FunctionName");
                default -> null;
            };
            if (name != null) {
                Object resolved = values.resolve(name);
                if (resolved instanceof String s) {
                    values.name(id, s);
                }
            } else if (FUNCTION_TYPE.equals(resource.get("Type"))) {
                values.name(id, "streamproc-local-" + id);
            }
        });

        Map<String, Object> globals = map(map(document.get("Globals")).get("Function"));
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        all.forEach((id, resource) -> {
            if (!FUNCTION_TYPE.equals(resource.get("Type"))) {
                return;
            }
            Object condition = resource.get("Condition");
            if (condition != null && !values.condition(String.valueOf(condition))) {
                return;
            }
            Map<String, Object> properties = deepMerge(globals, map(resource.get("Properties")));
            functions.put(id, function(id, properties, values, file.getParent()));
        });
        all.forEach((id, resource) -> {
            if (!EVENT_SOURCE_MAPPING_TYPE.equals(resource.get("Type"))) {
                return;
            }
            Object condition = resource.get("Condition");
            if (condition != null && !values.condition(String.valueOf(condition))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"));
            String functionId = mappedFunction(id, properties.get("FunctionName"), functions, values);
            String sourceId = TemplateValues.referencedLogicalId(properties.get("EventSourceArn"));
            if (sourceId != null && !TemplateResources.STREAM_TYPE.equals(values.typeOf(sourceId))) {
                return; // not a Kinesis source (an SQS queue, a DynamoDB stream, ...): not emulated
            }
            Map<String, Object> event = new LinkedHashMap<>(properties);
            event.remove("FunctionName");
            event.put("Stream", event.remove("EventSourceArn"));
            LocalFunction function = functions.get(functionId);
            List<KinesisSource> sources = new ArrayList<>(function.kinesisSources());
            sources.add(kinesisSource(id, id, event, values));
            functions.put(functionId, new LocalFunction(function.definition(), List.copyOf(sources)));
        });
        return new LocalTemplate(file, resources, functions, values.physicalNames());
    }

    /** The logical id of the function a mapping's {@code FunctionName} names, failing when it is not one of ours. */
    private static String mappedFunction(String mappingId, Object functionName, Map<String, LocalFunction> functions,
                                         TemplateValues values) {
        String where = mappingId + ".FunctionName";
        if (functionName instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Object ref = intrinsic.get("Ref");
            if (ref instanceof String name) {
                // SAM's !Ref Function.Alias (and .Version) names the function's alias (version).
                String id = name.endsWith(".Alias") || name.endsWith(".Version")
                        ? name.substring(0, name.lastIndexOf('.')) : name;
                if (functions.containsKey(id)) {
                    return id;
                }
            }
            String id = TemplateValues.referencedLogicalId(functionName);
            if (id != null && functions.containsKey(id)) {
                return id;
            }
        } else if (functionName instanceof String name) {
            String bare = name.contains(":function:") ? name.substring(name.indexOf(":function:") + 10) : name;
            String unqualified = bare.contains(":") ? bare.substring(0, bare.indexOf(':')) : bare;
            for (String id : functions.keySet()) {
                if (unqualified.equals(values.physicalNames().get(id))) {
                    return id;
                }
            }
        }
        throw new IllegalArgumentException(where + " must name a function of the template (!Ref Function, "
                + "!Ref Function.Alias, !GetAtt Function.Arn or its name), got " + functionName);
    }

    public Path file() {
        return file;
    }

    /** Tables and streams, as the emulators module reads them. */
    public TemplateResources resources() {
        return resources;
    }

    public List<LocalFunction> functions() {
        return List.copyOf(functions.values());
    }

    /** The function with this logical id, failing with the known ones. */
    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function '" + logicalId + "' in " + file.getFileName()
                    + "; functions: " + String.join(", ", functions.keySet()));
        }
        return function;
    }

    /** Logical id to local physical name of tables, streams, queues and functions. */
    public Map<String, String> physicalNames() {
        return physicalNames;
    }

    // --------------------------------------------------------------------------------------------- parsing

    private static LocalFunction function(String id, Map<String, Object> raw, TemplateValues values, Path root) {
        Object eventsRaw = raw.get("Events");
        Map<String, Object> properties = new LinkedHashMap<>(raw);
        properties.remove("Events");
        Map<String, Object> resolved = map(values.resolve(properties));

        String handler = string(resolved.get("Handler"), id + ".Handler");
        Object codeUri = resolved.get("CodeUri");
        if (!(codeUri instanceof String code)) {
            throw new IllegalArgumentException(id + ".CodeUri must be a local path to the deployment zip");
        }
        int memory = resolved.containsKey("MemorySize") ? integer(resolved.get("MemorySize"), id + ".MemorySize") : 128;
        int timeout = resolved.containsKey("Timeout") ? integer(resolved.get("Timeout"), id + ".Timeout") : 3;
        Map<String, String> environment = new TreeMap<>();
        map(map(resolved.get("Environment")).get("Variables")).forEach((name, value) -> {
            if (!TemplateValues.isScalar(value)) {
                throw new IllegalArgumentException(id + ": environment variable " + name
                        + " does not resolve locally: " + value);
            }
            environment.put(name, String.valueOf(value));
        });
        Map<String, Object> logging = map(resolved.get("LoggingConfig"));
        String logFormat = logging.get("LogFormat") == null ? null : String.valueOf(logging.get("LogFormat"));
        String logLevel = "JSON".equals(logFormat) && logging.get("ApplicationLogLevel") != null
                ? String.valueOf(logging.get("ApplicationLogLevel")) : null;
        String functionName = values.physicalNames().get(id);
        FunctionDefinition definition = new FunctionDefinition(id, functionName, handler, root.resolve(code).normalize(),
                memory, Duration.ofSeconds(timeout), environment, logFormat, logLevel);

        List<KinesisSource> sources = new ArrayList<>();
        map(eventsRaw).forEach((eventName, eventValue) -> {
            Map<String, Object> event = map(eventValue);
            if ("Kinesis".equals(event.get("Type"))) {
                sources.add(kinesisSource(id + ".Events." + eventName, eventName, map(event.get("Properties")),
                        values));
            }
        });
        return new LocalFunction(definition, List.copyOf(sources));
    }

    private static final List<String> KNOWN_EVENT_PROPERTIES = List.of("Stream", "StartingPosition",
            "StartingPositionTimestamp", "BatchSize", "MaximumBatchingWindowInSeconds", "ParallelizationFactor",
            "FunctionResponseTypes", "BisectBatchOnFunctionError", "MaximumRetryAttempts",
            "MaximumRecordAgeInSeconds", "DestinationConfig", "FilterCriteria", "Enabled");

    /** @param where the event's place in the template, for error messages */
    private static KinesisSource kinesisSource(String where, String eventName, Map<String, Object> raw,
                                               TemplateValues values) {
        String streamId = TemplateValues.referencedLogicalId(raw.get("Stream"));
        Map<String, Object> p = map(values.resolve(raw));
        String streamArn = string(p.get("Stream"), where + ".Stream");
        if (streamId == null) {
            // A literal ARN: find the stream by its name.
            String name = streamArn.substring(streamArn.lastIndexOf('/') + 1);
            streamId = values.physicalNames().entrySet().stream().filter(e -> e.getValue().equals(name))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ".Stream names no stream of the template"));
        }
        String streamName = values.physicalNames().get(streamId);
        if (streamName == null || !"AWS::Kinesis::Stream".equals(values.typeOf(streamId))) {
            throw new IllegalArgumentException(where + ".Stream must reference a Kinesis stream of the template");
        }
        StartingPosition position = StartingPosition.valueOf(string(p.getOrDefault("StartingPosition",
                "LATEST"), where + ".StartingPosition"));
        Instant timestamp = p.containsKey("StartingPositionTimestamp")
                ? Instant.ofEpochSecond((long) Double.parseDouble(String.valueOf(p.get("StartingPositionTimestamp"))))
                : null;
        List<Object> responseTypes = list(p.get("FunctionResponseTypes"));
        Object maxAge = p.get("MaximumRecordAgeInSeconds");
        int maxAgeSeconds = maxAge == null ? -1 : integer(maxAge, where + ".MaximumRecordAgeInSeconds");
        Object destinationRaw = map(map(raw.get("DestinationConfig")).get("OnFailure")).get("Destination");
        String destinationId = TemplateValues.referencedLogicalId(destinationRaw);
        Object destination = map(map(p.get("DestinationConfig")).get("OnFailure")).get("Destination");
        List<RecordFilter> filters = new ArrayList<>();
        for (Object filter : list(map(p.get("FilterCriteria")).get("Filters"))) {
            Object pattern = map(filter).get("Pattern");
            String json;
            try {
                json = pattern instanceof String s ? s : JSON.writeValueAsString(pattern);
            } catch (Exception e) {
                throw new IllegalArgumentException(where + ".FilterCriteria: " + e.getMessage());
            }
            filters.add(RecordFilter.parse(json));
        }
        EsmSettings settings = new EsmSettings(
                p.containsKey("BatchSize") ? integer(p.get("BatchSize"), where + ".BatchSize") : 100,
                Duration.ofSeconds(p.containsKey("MaximumBatchingWindowInSeconds")
                        ? integer(p.get("MaximumBatchingWindowInSeconds"), where + ".MaximumBatchingWindowInSeconds")
                        : 0),
                position, timestamp,
                p.containsKey("ParallelizationFactor")
                        ? integer(p.get("ParallelizationFactor"), where + ".ParallelizationFactor") : 1,
                responseTypes.stream().anyMatch(t -> "ReportBatchItemFailures".equals(String.valueOf(t))),
                Boolean.parseBoolean(String.valueOf(p.getOrDefault("BisectBatchOnFunctionError", "false"))),
                p.containsKey("MaximumRetryAttempts")
                        ? integer(p.get("MaximumRetryAttempts"), where + ".MaximumRetryAttempts") : -1,
                maxAgeSeconds < 0 ? null : Duration.ofSeconds(maxAgeSeconds),
                destination == null ? null : String.valueOf(destination),
                filters);
        boolean enabled = !"false".equalsIgnoreCase(String.valueOf(p.getOrDefault("Enabled", "true")));
        List<String> ignored = p.keySet().stream().filter(k -> !KNOWN_EVENT_PROPERTIES.contains(k)).toList();
        return new KinesisSource(eventName, streamId, streamName, streamArn, settings, enabled, destinationId, ignored);
    }

    // --------------------------------------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, value) -> {
            Object base = merged.get(key);
            if (base instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> valueMap && !isIntrinsic(valueMap)
                    && !isIntrinsic(baseMap)) {
                merged.put(key, deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) valueMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String string(Object value, String where) {
        if (!TemplateValues.isScalar(value)) {
            throw new IllegalArgumentException(where + " must resolve to a string locally, got " + value);
        }
        return String.valueOf(value);
    }

    private static int integer(Object value, String where) {
        try {
            return (int) Double.parseDouble(string(value, where).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number, got " + value);
        }
    }
}
