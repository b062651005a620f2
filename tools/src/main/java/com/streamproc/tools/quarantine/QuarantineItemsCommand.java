package com.streamproc.tools.quarantine;

import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.cli.ToolContext;
import java.util.List;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What {@code list} and {@code redrive} share: the options that select quarantined records, and reading them. */
abstract class QuarantineItemsCommand extends EnvironmentCommand {
    @Mixin
    QuarantineOptions options;

    @Mixin
    OutputOptions output;

    /** The function's quarantine table (or {@code --table}). */
    String quarantineTable() {
        return options.tableName(environment.env());
    }

    /** Up to {@code --limit} selected records, newest first; a selection the table cannot answer is a usage error. */
    List<QuarantinedItem> find(DynamoDbClient dynamoDb, ToolContext context, QuarantineSelection selection) {
        QuarantineReader reader = new QuarantineReader(dynamoDb, quarantineTable(), context.clock());
        try {
            return reader.find(selection, output.limit());
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }
}
