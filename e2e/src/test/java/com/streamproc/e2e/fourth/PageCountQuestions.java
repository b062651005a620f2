package com.streamproc.e2e.fourth;

import com.streamproc.shared.function.AnalystQuestions;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The fourth function's one question: how often each of {@code examples} (pages) was viewed. */
public final class PageCountQuestions implements AnalystQuestions {
    @Override
    public String functionName() {
        return PageCountDescriptor.NAME;
    }

    @Override
    public List<String> answer(DynamoDbClient dynamoDb, Map<String, String> environment, List<String> examples) {
        // Its "table" is in this JVM (PageCounts); the name is still read from the variable the function reads.
        String table = environment.get(new PageCountDescriptor().tableVariable());
        return examples.stream().map(page -> "views of " + page + " in " + table + ": " + PageCounts.of(page))
                .toList();
    }
}
