package com.streamproc.e2e.fourth;

import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.AnalystQuestion.Column;
import com.streamproc.shared.function.AnalystQuestion.Option;
import com.streamproc.shared.function.AnalystQuestions;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The fourth function's questions: how often each of {@code examples} (pages), or the pages asked, were viewed. */
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

    @Override
    public List<AnalystQuestion> questions() {
        return List.of(new AnalystQuestion("views", List.of("How often pages were viewed."),
                List.of(Option.required("--page", "PATH", "One or more pages, e.g. /home,/pricing").list()),
                List.of(Column.text("page"), Column.number("views")),
                (dynamoDb, environment, arguments) -> arguments.list("--page").stream()
                        .map(page -> List.<Object>of(page, PageCounts.of(page))).toList()));
    }
}
