package com.streamproc.tools.query;

import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every question about a function's table shares: which table ({@code --env}, {@code --table}), the
 * function's own queries on it, and how the answer is printed ({@code --format}, {@code --limit}).
 *
 * @param <Q> the function's queries class
 */
abstract class TableQuestion<Q> extends EnvironmentCommand {
    @Mixin
    TableOption table;

    @Mixin
    OutputOptions output;

    private final PipelineFunction function;
    private final BiFunction<DynamoDbClient, String, Q> queries;

    /** @param queries the function's queries on a client and a table name */
    TableQuestion(PipelineFunction function, BiFunction<DynamoDbClient, String, Q> queries) {
        this.function = function;
        this.queries = queries;
    }

    @Override
    public Integer call() {
        try (DynamoDbClient dynamoDb = context().aws().dynamoDb()) {
            Q answering = queries.apply(dynamoDb, table.orDefault(function.tableName(environment.env())));
            ResultWriter.write(answer(answering), output.format(), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    abstract ResultTable answer(Q queries);
}
