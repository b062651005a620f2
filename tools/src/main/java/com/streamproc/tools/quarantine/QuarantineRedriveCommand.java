package com.streamproc.tools.quarantine;

import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.cli.ToolFailure;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import com.streamproc.tools.produce.PutRecordsSender;
import com.streamproc.tools.produce.Sleeper;
import java.io.PrintWriter;
import java.util.List;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** {@code quarantine redrive}: quarantined records back to their stream, once the cause is fixed. */
@Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Puts quarantined records back on their function's stream (original partition key and payload)",
                "and deletes each quarantine item once Kinesis stored the record. Truncated payloads are refused.",
                "A user record of a KPL aggregate goes back alone, as a plain record with its own key and payload.",
                "Needs at least one of --reason, --source, --day, --from/--to, --record."},
        footer = {"", "Exit status: 0 all redriven (or --dry-run), 1 some refused or failed, 2 bad usage.",
                "", "Examples:",
                "  quarantine redrive --function order-processing --reason ORDER_UNKNOWN --dry-run",
                "  quarantine redrive --function orders --record shardId-000000000001/49659...0002",
                "  quarantine redrive --function activity --record shardId-000000000000/49659...0007.3"})
public final class QuarantineRedriveCommand extends QuarantineItemsCommand {
    @Option(names = "--dry-run", description = "Show what would be redriven; change nothing")
    boolean dryRun;

    @Option(names = "--stream", paramLabel = "NAME", description = "Stream to put to (default: the function's, for --env)")
    String stream;

    @Override
    public Integer call() {
        QuarantineSelection selection = options.selection();
        if (!selection.isNarrowed()) {
            throw usageError("say which records: --reason, --source, --day, --from/--to or --record");
        }
        ToolContext context = context();
        String streamName = stream != null ? stream : options.function().streamName(environment.env());
        PrintWriter err = spec.commandLine().getErr();
        try (DynamoDbClient dynamoDb = context.aws().dynamoDb(); KinesisClient kinesis = context.aws().kinesis()) {
            List<QuarantinedItem> items = find(dynamoDb, context, selection);
            if (!dryRun && !items.isEmpty()) {
                try {
                    kinesis.describeStreamSummary(b -> b.streamName(streamName));
                } catch (ResourceNotFoundException e) {
                    throw new ToolFailure("stream " + streamName + " does not exist (check --env or --stream)");
                }
            }
            Redriver redriver = new Redriver(kinesis, dynamoDb, streamName, quarantineTable(),
                    PutRecordsSender.DEFAULT_POLICY, Sleeper.REAL, RandomGenerator.getDefault());
            List<Redriver.Result> results = redriver.redrive(items, dryRun);
            ResultWriter.write(table(results), output.format(), spec.commandLine().getOut());
            long problems = 0;
            for (Redriver.Result result : results) {
                if (!result.succeeded()) {
                    problems++;
                    err.println("redrive: " + result.item().id() + " " + result.outcome() + ": " + result.message());
                }
            }
            err.println("redrive: " + results.size() + " record(s) selected, "
                    + (results.size() - problems) + (dryRun ? " would be redriven" : " redriven")
                    + (problems > 0 ? ", " + problems + " not" : "") + " (stream " + streamName + ")");
            err.flush();
            return problems == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    static ResultTable table(List<Redriver.Result> results) {
        ResultTable table = new ResultTable(Column.text("record"), Column.text("reason"), Column.text("partitionKey"),
                Column.text("outcome"), Column.text("newSequenceNumber"), Column.text("message"));
        for (Redriver.Result result : results) {
            table.add(result.item().id(), result.item().reason(), result.item().partitionKey(),
                    result.outcome().name(), result.newSequenceNumber(), result.message());
        }
        return table;
    }
}
