package com.streamproc.tools.query;

import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code query answers}: each function's analysts' questions as its own {@link AnalystQuestions} answers them. It
 * knows no function by name: every function on the class path that declares questions is asked, so a new function
 * is answered here without a command of its own.
 */
@Command(name = "answers", mixinStandardHelpOptions = true,
        description = {"The analysts' questions each function declares (its AnalystQuestions), answered from its table",
                "(Query and GetItem only). All functions that declare questions, or the one named."})
public final class AnswersCommand extends EnvironmentCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION",
            description = "Function name, event type or alias (default: every function that declares questions)")
    String function;

    @Option(names = "--example", paramLabel = "KEY",
            description = "A key the data holds (a customer, a user, an e-mail address), passed to the questions;"
                    + " repeatable")
    List<String> examples = new ArrayList<>();

    @Mixin
    TableOption table;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<PipelineFunction> asked = asked();
        ResultTable result = new ResultTable(Column.text("function"), Column.text("answer"));
        try (DynamoDbClient dynamoDb = context().aws().dynamoDb()) {
            for (PipelineFunction each : asked) {
                Optional<AnalystQuestions> questions = questionsOf(each);
                if (questions.isEmpty()) {
                    continue;
                }
                // The questions read their table's name from the variable the function itself reads it from.
                Map<String, String> environment = Map.of(each.descriptor().tableVariable(),
                        table.orDefault(each.tableName(this.environment.env())));
                for (String line : questions.get().answer(dynamoDb, environment, List.copyOf(examples))) {
                    result.add(each.functionName(), line);
                }
            }
        }
        ResultWriter.write(result, output.format(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private List<PipelineFunction> asked() {
        if (function == null) {
            if (table.table != null) {
                throw usageError("--table needs a FUNCTION: each function has its own table");
            }
            return PipelineFunction.values();
        }
        PipelineFunction named;
        try {
            named = PipelineFunction.parse(function);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        if (questionsOf(named).isEmpty()) {
            throw usageError(named.functionName() + " declares no analysts' questions");
        }
        return List.of(named);
    }

    private static Optional<AnalystQuestions> questionsOf(PipelineFunction function) {
        return FunctionDescriptors.questionsOf(function.functionName(), AnswersCommand.class.getClassLoader());
    }
}
