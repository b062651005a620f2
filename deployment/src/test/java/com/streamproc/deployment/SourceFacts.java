package com.streamproc.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Java sources of a function actually do, read from the source text at test time so the template checks
 * follow the code instead of a list that can go stale: the DynamoDB operations it calls. (The variables it reads
 * and its metrics name come from its descriptor, which the wiring holds it to.)
 */
final class SourceFacts {
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
    SourceFacts(List<String> sources) {
        this.sources = List.copyOf(sources);
    }

    boolean isEmpty() {
        return sources.isEmpty();
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
}
