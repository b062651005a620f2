package com.streamproc.tools.query;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandGroup;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query customers}: the data-cleansing function's questions, answered by its own {@link CustomerQueries}. */
@Command(name = "customers", mixinStandardHelpOptions = true,
        description = "Cleansed customers: by e-mail or by phone (input is normalised as the stream's records are).",
        subcommands = {CustomersQueryCommand.ByEmail.class, CustomersQueryCommand.ByPhone.class})
public final class CustomersQueryCommand extends CommandGroup {
    public CustomersQueryCommand() {
        super("query customers: missing question (by-email, by-phone; try --help)");
    }

    /** Every customers question prints customers; input the function would not normalise is a usage error. */
    abstract static class Question extends TableQuestion<CustomerQueries> {
        Question() {
            super(PipelineFunction.parse(DataCleansingDescriptor.NAME), CustomerQueries::new);
        }

        @Override
        final ResultTable answer(CustomerQueries queries) {
            List<Customer> found;
            try {
                found = find(queries);
            } catch (IllegalArgumentException invalidInput) {
                throw usageError(invalidInput.getMessage());
            }
            return customers(found.subList(0, Math.min(found.size(), output.limit())));
        }

        abstract List<Customer> find(CustomerQueries queries);
    }

    @Command(name = "by-email", mixinStandardHelpOptions = true, description = "The customer with this e-mail (GetItem).")
    static final class ByEmail extends Question {
        @Option(names = "--email", required = true, paramLabel = "ADDRESS")
        String email;

        @Override
        List<Customer> find(CustomerQueries queries) {
            return queries.byEmail(email).stream().toList();
        }
    }

    @Command(name = "by-phone", mixinStandardHelpOptions = true,
            description = "Every customer with this phone number (Query on byPhone, then GetItem each).")
    static final class ByPhone extends Question {
        @Option(names = "--phone", required = true, paramLabel = "NUMBER",
                description = "In any format, e.g. +44 20 7946 0018 or (with --region GB) 020 7946 0018")
        String phone;

        @Option(names = "--region", paramLabel = "CC", description = "ISO 3166-1 alpha-2 country for national numbers")
        String region;

        @Override
        List<Customer> find(CustomerQueries queries) {
            return queries.byPhone(phone, region);
        }
    }

    static ResultTable customers(List<Customer> customers) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("customerKey"));
        for (CustomerField field : CustomerField.values()) {
            columns.add(Column.text(field.attribute()));
        }
        columns.add(Column.text("updatedAt"));
        columns.add(Column.text("sources"));
        columns.add(Column.text("droppedFields"));
        ResultTable result = new ResultTable(columns);
        for (Customer customer : customers) {
            List<Object> row = new ArrayList<>();
            row.add(customer.customerKey());
            for (CustomerField field : CustomerField.values()) {
                row.add(customer.value(field));
            }
            row.add(customer.updatedAt() == null ? null : customer.updatedAt().toString());
            row.add(List.copyOf(customer.sources()));
            row.add(customer.drops().entrySet().stream()
                    .map(e -> e.getKey().attribute() + ":" + e.getValue().reason()).toList());
            result.add(row.toArray());
        }
        return result;
    }
}
