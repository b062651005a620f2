package com.streamproc.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Java sources of a function actually do, read from the source text at test time so the template checks
 * follow the code instead of a list that can go stale: the environment variables it requires or reads, the
 * DynamoDB operations it calls, and the function name it reports metrics under.
 */
final class SourceFacts {
    private static final Pattern ENV_READ = Pattern.compile(
            "\\b(required|optional|positiveInt|getenv)\\(\\s*(?:\"([A-Z][A-Z0-9_]*)\"|([A-Za-z_][\\w.]*)\\s*[,)])");
    /** A helper reading a variable from an environment map: {@code number(env, "NAME", ...)}, {@code env.get("NAME")}. */
    private static final Pattern ENV_MAP_READ = Pattern.compile(
            "\\b(?:\\w+\\(\\s*env\\s*,|env\\.get\\()\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern METRICS_NAME = Pattern.compile(
            "BatchProcessorConfig\\.defaults\\(\\s*(?:\"([^\"]+)\"|([A-Za-z_][\\w.]*)\\s*\\))");
    /** SDK client method → IAM action. */
    private static final Map<String, String> DYNAMO_CALLS = new LinkedHashMap<>();

    static {
        DYNAMO_CALLS.put("getItem", "dynamodb:GetItem");
        DYNAMO_CALLS.put("batchGetItem", "dynamodb:BatchGetItem");
        DYNAMO_CALLS.put("batchGetItemPaginator", "dynamodb:BatchGetItem");
        DYNAMO_CALLS.put("query", "dynamodb:Query");
        DYNAMO_CALLS.put("queryPaginator", "dynamodb:Query");
        DYNAMO_CALLS.put("putItem", "dynamodb:PutItem");
        DYNAMO_CALLS.put("updateItem", "dynamodb:UpdateItem");
        DYNAMO_CALLS.put("deleteItem", "dynamodb:DeleteItem");
        DYNAMO_CALLS.put("batchWriteItem", "dynamodb:BatchWriteItem");
        // The shared DynamoBatchWriter.writeAll/writeEach issue BatchWriteItem on the caller's table.
        DYNAMO_CALLS.put("writeAll", "dynamodb:BatchWriteItem");
        DYNAMO_CALLS.put("writeEach", "dynamodb:BatchWriteItem");
        DYNAMO_CALLS.put("scan", "dynamodb:Scan");
        DYNAMO_CALLS.put("scanPaginator", "dynamodb:Scan");
        DYNAMO_CALLS.put("transactWriteItems", "dynamodb:TransactWriteItems");
        DYNAMO_CALLS.put("transactGetItems", "dynamodb:TransactGetItems");
        DYNAMO_CALLS.put("executeStatement", "dynamodb:PartiQLSelect");
    }

    private static final Pattern DYNAMO_CALL = Pattern.compile(
            "(?:\\.|::)(" + String.join("|", DYNAMO_CALLS.keySet()) + ")\\b\\s*(?=\\(|[,);])");

    private final List<String> sources;
    private final Map<String, String> constants = new LinkedHashMap<>();

    SourceFacts(List<String> sources) {
        this.sources = List.copyOf(sources);
        for (String source : sources) {
            Matcher matcher = STRING_CONSTANT.matcher(source);
            while (matcher.find()) {
                constants.putIfAbsent(matcher.group(1), matcher.group(2));
            }
        }
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Variables read with {@code FunctionEnvironment.required(...)}: the function cannot start without them. */
    Set<String> requiredVariables() {
        return variablesReadWith(Set.of("required"));
    }

    /**
     * Every variable read through {@code required/optional/positiveInt/System.getenv}, or by a helper that takes the
     * environment map ({@code number(env, "NAME", ...)}, {@code env.get("NAME")}).
     */
    Set<String> readVariables() {
        Set<String> names = variablesReadWith(Set.of("required", "optional", "positiveInt", "getenv"));
        for (String source : sources) {
            Matcher matcher = ENV_MAP_READ.matcher(source);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Whether {@code "NAME"} appears as a string literal or constant value anywhere (reads through helpers). */
    boolean mentions(String name) {
        if (constants.containsValue(name)) {
            return true;
        }
        for (String source : sources) {
            Matcher matcher = STRING_LITERAL.matcher(source);
            while (matcher.find()) {
                if (matcher.group(1).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The IAM actions of the DynamoDB calls in these sources. */
    Set<String> dynamoDbActions() {
        Set<String> actions = new TreeSet<>();
        for (String source : sources) {
            Matcher matcher = DYNAMO_CALL.matcher(source);
            while (matcher.find()) {
                actions.add(DYNAMO_CALLS.get(matcher.group(1)));
            }
        }
        return actions;
    }

    /** Whether any request names a secondary index. */
    boolean usesIndexes() {
        return sources.stream().anyMatch(s -> s.contains(".indexName("));
    }

    /** The name given to {@code BatchProcessorConfig.defaults(...)}: the metrics' Function dimension. */
    Optional<String> metricsFunctionName() {
        for (String source : sources) {
            Matcher matcher = METRICS_NAME.matcher(source);
            while (matcher.find()) {
                if (matcher.group(1) != null) {
                    return Optional.of(matcher.group(1));
                }
                String identifier = matcher.group(2);
                String value = constants.get(identifier.substring(identifier.lastIndexOf('.') + 1));
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private Set<String> variablesReadWith(Set<String> methods) {
        Set<String> names = new TreeSet<>();
        for (String source : sources) {
            Matcher matcher = ENV_READ.matcher(source);
            while (matcher.find()) {
                if (!methods.contains(matcher.group(1))) {
                    continue;
                }
                if (matcher.group(2) != null) {
                    names.add(matcher.group(2));
                } else {
                    String identifier = matcher.group(3);
                    String simple = identifier.substring(identifier.lastIndexOf('.') + 1);
                    String value = constants.get(simple);
                    if (value != null && value.matches("[A-Z][A-Z0-9_]*")) {
                        names.add(value);
                    }
                }
            }
        }
        return names;
    }
}
