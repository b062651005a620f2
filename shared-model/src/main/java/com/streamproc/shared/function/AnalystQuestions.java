package com.streamproc.shared.function;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The analysts' questions a function's table answers, with the function's own query classes (Query and GetItem
 * only). A separate service from {@link FunctionDescriptor} ({@code META-INF/services/com.streamproc.shared.function
 * .AnalystQuestions}), linked by {@link #functionName}: the descriptor is on the handler's path, and analyst queries
 * must not be, so the handler's role is granted only what the handler calls.
 *
 * <p>Parameters are plain JDK types apart from the client, so the local stack can call it across class loaders.
 */
public interface AnalystQuestions {
    /** The {@link FunctionDescriptor#name} of the function whose table this reads. */
    String functionName();

    /**
     * The answers, as readable lines.
     *
     * @param dynamoDb    a client for the table
     * @param environment the function's variables (its table names)
     * @param examples    keys the caller knows to exist in the data (a busy customer, a user, e-mail addresses);
     *                    the function interprets them, and may ignore them
     */
    List<String> answer(DynamoDbClient dynamoDb, Map<String, String> environment, List<String> examples);

    /** What its questions are about, one line (the help of {@code query <event type>}). */
    default String summary() {
        return "The " + functionName() + " function's questions.";
    }

    /**
     * The questions a command line offers one by one, each with its options ({@code query <event type> <question>}).
     * None by default: {@link #answer} still serves the function.
     */
    default List<AnalystQuestion> questions() {
        return List.of();
    }
}
