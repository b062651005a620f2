package com.streamproc.tools.query;

import com.streamproc.tools.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code query}: the analysts' questions, answered with Query and GetItem (never Scan). */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Answers the analysts' questions from the functions' tables.",
        subcommands = {AnswersCommand.class, OrdersQueryCommand.class, ActivityQueryCommand.class, CustomersQueryCommand.class})
public final class QueryCommand extends CommandGroup {
    public QueryCommand() {
        super("query: missing command (answers, orders, activity, customers; try --help)");
    }
}
