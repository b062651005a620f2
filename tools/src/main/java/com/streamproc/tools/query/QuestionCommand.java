package com.streamproc.tools.query;

import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.QuestionArguments;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code query <event type> <question>}: one question a function declares ({@link AnalystQuestion}), with the
 * options it declares and those every question shares: which table ({@code --env}, {@code --table}) and how the
 * answer is printed ({@code --format}, {@code --limit}).
 */
@Command(mixinStandardHelpOptions = true)
final class QuestionCommand extends EnvironmentCommand {
    @Mixin
    TableOption table;

    @Mixin
    OutputOptions output;

    private final PipelineFunction function;
    private final AnalystQuestion question;

    private QuestionCommand(PipelineFunction function, AnalystQuestion question) {
        this.function = function;
        this.question = question;
    }

    /** The command line of {@code question}, with its declared options added to the shared ones. */
    static CommandLine of(PipelineFunction function, AnalystQuestion question) {
        CommandLine commandLine = new CommandLine(new QuestionCommand(function, question));
        commandLine.getCommandSpec().usageMessage().description(question.description().toArray(String[]::new));
        for (AnalystQuestion.Option option : question.options()) {
            OptionSpec.Builder spec = OptionSpec.builder(option.name()).paramLabel(option.label())
                    .required(option.required());
            if (!option.description().isEmpty()) {
                spec.description(option.description());
            }
            if (option.several()) {
                spec.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
            } else {
                spec.type(String.class);
            }
            commandLine.getCommandSpec().addOption(spec.build());
        }
        return commandLine;
    }

    @Override
    public Integer call() {
        QuestionArguments arguments = new QuestionArguments(given(), output.limit());
        try {
            question.checkArguments(arguments);
        } catch (IllegalArgumentException invalidValue) {
            throw usageError(invalidValue.getMessage());
        }
        ResultTable result = new ResultTable(question.columns().stream()
                .map(column -> new Column(column.name(), column.numeric())).toList());
        try (DynamoDbClient dynamoDb = context().aws().dynamoDb()) {
            // The questions read their table's name from the variable the function itself reads it from.
            Map<String, String> environment = Map.of(function.descriptor().tableVariable(),
                    table.orDefault(function.tableName(this.environment.env())));
            List<List<Object>> rows;
            try {
                rows = question.answering().answer(dynamoDb, environment, arguments);
            } catch (IllegalArgumentException invalidValue) {
                throw usageError(invalidValue.getMessage());
            }
            rows.forEach(row -> result.add(row.toArray()));
        }
        ResultWriter.write(result, output.format(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The declared options' values as given on the command line. */
    private Map<String, List<String>> given() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (AnalystQuestion.Option option : question.options()) {
            Object value = spec.findOption(option.name()).getValue();
            if (value instanceof List<?> list) {
                List<String> texts = new ArrayList<>();
                list.forEach(each -> texts.add(String.valueOf(each)));
                values.put(option.name(), texts);
            } else if (value != null) {
                values.put(option.name(), List.of(value.toString()));
            }
        }
        return values;
    }
}
