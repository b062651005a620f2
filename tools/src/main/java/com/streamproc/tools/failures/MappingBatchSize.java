package com.streamproc.tools.failures;

import com.streamproc.tools.cli.ToolFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * The {@code BatchSize} of the event source mapping that feeds a function from a stream, read from the mapping
 * itself: {@code lambda:ListEventSourceMappings} with the stream's ARN, the mappings of that function kept (any
 * version or alias of it). In AWS that is the deployed mapping, whatever the template said when it was deployed or
 * was changed since; locally the local stack's Lambda endpoint answers the same call for its running mappings.
 * (<a href="https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html">ListEventSourceMappings</a>)
 */
final class MappingBatchSize {
    private final LambdaClient lambda;
    private final String functionName;
    private final Map<String, Integer> byStream = new HashMap<>();

    /** @param function the function's name or ARN (a qualifier is ignored) */
    MappingBatchSize(LambdaClient lambda, String function) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.functionName = name(function);
    }

    /**
     * The mapping's BatchSize for records of {@code streamArn}.
     *
     * @throws ToolFailure when no mapping of the function reads the stream, or its mappings disagree
     */
    int of(String streamArn) {
        Integer known = byStream.get(streamArn);
        if (known != null) {
            return known;
        }
        Set<Integer> sizes = new TreeSet<>();
        for (EventSourceMappingConfiguration mapping : lambda.listEventSourceMappingsPaginator(
                b -> b.eventSourceArn(streamArn)).eventSourceMappings()) {
            if (mapping.functionArn() != null && functionName.equals(name(mapping.functionArn()))
                    && mapping.batchSize() != null) {
                sizes.add(mapping.batchSize());
            }
        }
        if (sizes.isEmpty()) {
            throw new ToolFailure("no event source mapping of " + functionName + " reads " + streamArn
                    + " (ListEventSourceMappings): give the records per invocation with --batch-size");
        }
        if (sizes.size() > 1) {
            throw new ToolFailure("the event source mappings of " + functionName + " on " + streamArn
                    + " have different batch sizes " + sizes + ": choose one with --batch-size");
        }
        int size = sizes.iterator().next();
        byStream.put(streamArn, size);
        return size;
    }

    /** The name in {@code name}, {@code name:qualifier} or a function ARN with or without qualifier. */
    static String name(String function) {
        String name = function;
        int at = name.indexOf(":function:");
        if (at >= 0) {
            name = name.substring(at + ":function:".length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }
}
