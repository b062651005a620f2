package com.streamproc.tools.query;

import com.streamproc.tools.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code query}: the analysts' questions, answered with Query and GetItem (never Scan). */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Answers the analysts' questions from the functions' tables.",
        subcommands = {OrdersQueryCommand.class, ActivityQueryCommand.class, CustomersQueryCommand.class})
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("query: missing command (orders, activity, customers; try --help)");
        return ExitCodes.USAGE;
    }
}
