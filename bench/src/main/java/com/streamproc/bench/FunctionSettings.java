package com.streamproc.bench;

import com.streamproc.emulators.CloudFormationYaml;
import com.streamproc.emulators.TemplateValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A function's settings as {@code sam-template.yaml} declares them: its Kinesis event source (batch size, batching
 * window, parallelization factor: from the function's {@code Events} or from an
 * {@code AWS::Lambda::EventSourceMapping} naming it), {@code MAX_CONCURRENT_KEYS} (the function's own variable, else
 * the Globals'), memory and architecture.
 */
public record FunctionSettings(int batchSize, int batchingWindowSeconds, int parallelizationFactor,
                               int maxConcurrentKeys, int memoryMb, String architecture) {

    public static FunctionSettings read(Path template, String functionLogicalId) {
        return of(CloudFormationYaml.load(template), functionLogicalId);
    }

    static FunctionSettings of(Map<String, Object> template, String functionLogicalId) {
        Map<String, Object> resources = map(template.get("Resources"), "Resources");
        Map<String, Object> function = map(resources.get(functionLogicalId), functionLogicalId);
        Map<String, Object> properties = map(function.get("Properties"), functionLogicalId + ".Properties");
        Map<String, Object> globals = template.get("Globals") instanceof Map<?, ?> g && g.get("Function") != null
                ? map(g.get("Function"), "Globals.Function") : Map.of();

        Map<String, Object> source = eventSource(resources, properties, functionLogicalId);
        int batchSize = integer(source.get("BatchSize"), 100);
        int window = integer(source.get("MaximumBatchingWindowInSeconds"), 0);
        int parallelization = integer(source.get("ParallelizationFactor"), 1);

        Object keys = variable(properties, "MAX_CONCURRENT_KEYS");
        if (keys == null) {
            keys = variable(globals, "MAX_CONCURRENT_KEYS");
        }
        int maxConcurrentKeys = integer(keys, 8);
        int memory = integer(properties.getOrDefault("MemorySize", globals.get("MemorySize")), 128);
        Object architectures = properties.getOrDefault("Architectures", globals.get("Architectures"));
        String architecture = architectures instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                : "x86_64";
        return new FunctionSettings(batchSize, window, parallelization, maxConcurrentKeys, memory, architecture);
    }

    private static Map<String, Object> eventSource(Map<String, Object> resources, Map<String, Object> properties,
                                                   String functionLogicalId) {
        if (properties.get("Events") instanceof Map<?, ?> events) {
            for (Object event : events.values()) {
                if (event instanceof Map<?, ?> e && "Kinesis".equals(e.get("Type"))) {
                    return map(e.get("Properties"), functionLogicalId + " Kinesis event");
                }
            }
        }
        for (Object resource : resources.values()) {
            if (resource instanceof Map<?, ?> r && "AWS::Lambda::EventSourceMapping".equals(r.get("Type"))) {
                Map<String, Object> mapping = map(r.get("Properties"), "EventSourceMapping");
                String target = TemplateValues.referencedLogicalId(mapping.get("FunctionName"));
                if (target != null && (target.equals(functionLogicalId) || target.startsWith(functionLogicalId + "."))) {
                    return mapping;
                }
            }
        }
        throw new IllegalArgumentException("no Kinesis event source for " + functionLogicalId + " in the template");
    }

    private static Object variable(Map<String, Object> properties, String name) {
        if (properties.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            return variables.get(name);
        }
        return null;
    }

    private static int integer(Object value, int absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a literal number in the template: " + value, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping in the template");
        }
        return (Map<String, Object>) value;
    }
}
