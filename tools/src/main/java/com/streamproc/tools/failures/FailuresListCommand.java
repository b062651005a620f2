package com.streamproc.tools.failures;

import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code failures list}: one row per on-failure record of a function. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the batches Lambda gave up on for a function: one row per on-failure record (shard,",
                "sequence range, batch size, arrival times, why), and whether the range may still be in the stream",
                "(inStream: from the stream's retention period; the replay finds out for sure).",
                "A function whose mapping never gives up (activity-tracking) has no failure queue: it says so.",
                "Reading takes nothing away: SQS messages are visible again at once, local records stay in their file."},
        footer = {"", "Examples:",
                "  failures list --function order-processing",
                "  failures list --function activity --env prod --format csv"})
public final class FailuresListCommand extends EnvironmentCommand {
    /** Long enough to read the queue once; the messages are released right after. */
    private static final Duration VISIBILITY = Duration.ofSeconds(60);

    @Mixin
    FailuresOptions options;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ToolContext context = context();
        FailureTarget target = options.target();
        try (FailureSource source = options.open(environment.env(), context, VISIBILITY);
             KinesisClient kinesis = context.aws().kinesis()) {
            List<FailureEntry> entries = source.read(output.limit()).stream().filter(options::selected).toList();
            RetentionCheck retention = new RetentionCheck(kinesis, context.clock().instant());
            ResultTable table = new ResultTable(Column.text("function"), Column.text("failedAt"),
                    Column.text("condition"), Column.text("stream"), Column.text("shard"),
                    Column.text("startSequence"), Column.text("endSequence"), Column.number("batchSize"),
                    Column.text("firstArrival"), Column.text("lastArrival"), Column.text("inStream"),
                    Column.text("replayed"));
            for (FailureEntry entry : entries) {
                OnFailureRecord r = entry.record();
                table.add(target.function().functionName(), r.timestamp(), r.condition(), r.streamName(),
                        r.shardId(), r.startSequence(), r.endSequence(), r.batchSize(), r.firstArrival(),
                        r.lastArrival(), retention.inStream(r), entry.replayed() ? "yes" : "no");
            }
            ResultWriter.write(table, output.format(), spec.commandLine().getOut());
            if (target.neverGivesUp()) {
                spec.commandLine().getErr().println(target.neverGivesUpNote());
            }
            spec.commandLine().getErr().println("failures list: " + entries.size() + " on-failure record(s) in "
                    + source.describe());
        }
        return ExitCodes.OK;
    }
}
