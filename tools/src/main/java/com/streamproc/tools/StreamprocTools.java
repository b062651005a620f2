package com.streamproc.tools;

import com.streamproc.tools.aws.AwsConnections;
import com.streamproc.tools.aws.ErrorMessages;
import com.streamproc.tools.cli.CommandGroup;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.cli.ToolFailure;
import com.streamproc.tools.failures.FailuresCommand;
import com.streamproc.tools.produce.FunctionContracts;
import com.streamproc.tools.produce.ProduceCommand;
import com.streamproc.tools.quarantine.QuarantineCommand;
import com.streamproc.tools.query.QueryCommand;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code java -jar streamproc-tools.jar <command>}: the producer, the analysts' queries and the quarantine tools.
 *
 * <p>Every failure ends in one line on stderr and a non-zero exit status ({@link ExitCodes}), never a stack trace.
 */
@Command(name = "streamproc-tools", mixinStandardHelpOptions = true,
        version = "streamproc-tools 0.1.0",
        description = "Send events to the pipeline's streams, query its tables, list and redrive quarantined records, "
                + "list and replay the batches Lambda gave up on.",
        subcommands = {ProduceCommand.class, QueryCommand.class, QuarantineCommand.class, FailuresCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Credentials and region: the AWS SDK's default chains (AWS_PROFILE, AWS_REGION, ...).",
                "Local stack: export the lines 'java -jar local/target/streamproc-local.jar up' prints",
                "(AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_LAMBDA, ...)."})
public final class StreamprocTools extends CommandGroup {
    private final ToolContext context;

    public StreamprocTools(ToolContext context) {
        super("streamproc-tools: missing command (produce, query, quarantine, failures; try --help)");
        this.context = context;
    }

    public ToolContext context() {
        return context;
    }

    /** The command line with its error handling: one line per failure on stderr. */
    public static CommandLine commandLine(ToolContext context) {
        CommandLine commandLine = new CommandLine(new StreamprocTools(context));
        // Before the handlers below: they are set on the subcommands that exist when they are set.
        QueryCommand.addDeclaredQuestions(commandLine.getSubcommands().get("query"));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine failed = failure.getCommandLine();
            String message = failure.getMessage() == null ? "invalid command line" : failure.getMessage();
            if (message.startsWith("Error: ")) {
                message = message.substring("Error: ".length());
            }
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + message + " (try --help)");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            String message = failure instanceof ToolFailure ? failure.getMessage() : ErrorMessages.describe(failure);
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + message);
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    public static ToolContext systemContext() {
        return new ToolContext(AwsConnections.standard(), FunctionContracts::standard, System.in, Clock.systemUTC());
    }

    public static void main(String[] args) {
        System.exit(commandLine(systemContext()).execute(args));
    }
}
