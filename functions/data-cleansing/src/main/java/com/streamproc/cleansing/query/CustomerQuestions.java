package com.streamproc.cleansing.query;

import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.function.AnalystQuestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The data-cleansing function's analyst questions, with {@link CustomerQueries}. */
public final class CustomerQuestions implements AnalystQuestions {
    @Override
    public String functionName() {
        return DataCleansingDescriptor.NAME;
    }

    /** Finds the customer of each of {@code examples} (e-mail addresses), written as messily as a caller would. */
    @Override
    public List<String> answer(DynamoDbClient dynamoDb, Map<String, String> environment, List<String> examples) {
        CustomerQueries queries = new CustomerQueries(dynamoDb,
                new FunctionEnvironment(environment).required(DataCleansingDescriptor.TABLE_VARIABLE));
        List<String> lines = new ArrayList<>();
        for (String email : examples) {
            String messy = "  " + email.toUpperCase(Locale.ROOT) + " ";
            Optional<Customer> found = queries.byEmail(messy);
            lines.add("customer with e-mail \"" + messy.strip() + "\": " + found
                    .map(c -> "found, " + c.sources().size() + " source records merged: " + c.sources())
                    .orElse("not found"));
        }
        return lines;
    }
}
