package com.streamproc.cleansing.query;

import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.AnalystQuestion.Column;
import com.streamproc.shared.function.AnalystQuestion.Option;
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
        CustomerQueries queries = queries(dynamoDb, environment);
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

    @Override
    public String summary() {
        return "Cleansed customers: by e-mail or by phone (input is normalised as the stream's records are).";
    }

    /** Input the function would not normalise throws {@link IllegalArgumentException} from the queries. */
    @Override
    public List<AnalystQuestion> questions() {
        return List.of(
                new AnalystQuestion("by-email", List.of("The customer with this e-mail (GetItem)."),
                        List.of(Option.required("--email", "ADDRESS", "")), COLUMNS,
                        (dynamoDb, environment, arguments) -> rows(queries(dynamoDb, environment)
                                .byEmail(arguments.required("--email")).stream().toList(), arguments.limit())),
                new AnalystQuestion("by-phone",
                        List.of("Every customer with this phone number (Query on byPhone, then GetItem each)."),
                        List.of(Option.required("--phone", "NUMBER",
                                        "In any format, e.g. +44 20 7946 0018 or (with --region GB) 020 7946 0018"),
                                Option.optional("--region", "CC", "ISO 3166-1 alpha-2 country for national numbers")),
                        COLUMNS,
                        (dynamoDb, environment, arguments) -> rows(queries(dynamoDb, environment)
                                .byPhone(arguments.required("--phone"), arguments.optional("--region").orElse(null)),
                                arguments.limit())));
    }

    private static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("customerKey"));
        for (CustomerField field : CustomerField.values()) {
            columns.add(Column.text(field.attribute()));
        }
        columns.add(Column.text("updatedAt"));
        columns.add(Column.text("sources"));
        columns.add(Column.text("droppedFields"));
        return List.copyOf(columns);
    }

    private static CustomerQueries queries(DynamoDbClient dynamoDb, Map<String, String> environment) {
        return new CustomerQueries(dynamoDb,
                new FunctionEnvironment(environment).required(DataCleansingDescriptor.TABLE_VARIABLE));
    }

    private static List<List<Object>> rows(List<Customer> customers, int limit) {
        List<List<Object>> rows = new ArrayList<>();
        for (Customer customer : customers.subList(0, Math.min(customers.size(), limit))) {
            List<Object> row = new ArrayList<>();
            row.add(customer.customerKey());
            for (CustomerField field : CustomerField.values()) {
                row.add(customer.value(field));
            }
            row.add(customer.updatedAt() == null ? null : customer.updatedAt().toString());
            row.add(List.copyOf(customer.sources()));
            row.add(customer.drops().entrySet().stream()
                    .map(e -> e.getKey().attribute() + ":" + e.getValue().reason()).toList());
            rows.add(row);
        }
        return rows;
    }
}
