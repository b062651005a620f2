package com.streamproc.tools.quarantine;

import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code quarantine list}: quarantined records by function, reason, source and time, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists quarantined records of a function, newest first (Query on the byReason, bySource or",
                "byDay index; without --reason, --source or a time range: today, UTC).",
                "A record is SHARD_ID/SEQUENCE_NUMBER; a user record of a KPL aggregate, quarantined alone, is",
                "SHARD_ID/SEQUENCE_NUMBER.SUB (its aggregate's sequence number and its sub-sequence number)."},
        footer = {"", "Examples:",
                "  quarantine list --function order-processing --reason INVALID_TRANSITION",
                "  quarantine list --function data-cleansing --source crm --day 2026-11-27 --format csv"})
public final class QuarantineListCommand extends QuarantineItemsCommand {
    @Option(names = "--payload", description = "Show the stored payload too (it may hold personal data)")
    boolean showPayload;

    @Override
    public Integer call() {
        QuarantineSelection selection = options.selection();
        ToolContext context = context();
        try (DynamoDbClient dynamoDb = context.aws().dynamoDb()) {
            List<QuarantinedItem> items = find(dynamoDb, context, selection);
            ResultWriter.write(table(items, showPayload), output.format(), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    static ResultTable table(List<QuarantinedItem> items, boolean payload) {
        List<Column> columns = new ArrayList<>(List.of(
                Column.text("quarantinedAt"), Column.text("function"), Column.text("reason"), Column.text("source"),
                Column.text("partitionKey"), Column.text("record"), Column.text("arrivedAt"), Column.text("detail"),
                Column.text("fieldReasons"), Column.number("bytes"), Column.text("truncated")));
        if (payload) {
            columns.add(Column.text("payloadEncoding"));
            columns.add(Column.text("payload"));
        }
        ResultTable table = new ResultTable(columns);
        for (QuarantinedItem item : items) {
            List<Object> row = new ArrayList<>(Arrays.asList(
                    item.quarantinedAt(), item.function(), item.reason(), item.source(), item.partitionKey(),
                    item.id(), item.arrivedAt(), item.detail(), item.fieldReasons(), item.payloadBytes(),
                    item.payloadTruncated()));
            if (payload) {
                row.add(item.payloadEncoding());
                row.add(item.payload());
            }
            table.add(row.toArray());
        }
        return table;
    }
}
