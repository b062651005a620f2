package com.streamproc.tools.query;

import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code query}: the analysts' questions, answered with Query and GetItem (never Scan). {@code query answers} asks
 * every function's {@link AnalystQuestions}; {@code query <event type> <question>} is each question a function
 * declares ({@link AnalystQuestions#questions()}), added from the functions on the class path, none by name.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Answers the analysts' questions from the functions' tables.",
        subcommands = {AnswersCommand.class})
public final class QueryCommand extends CommandGroup {
    public QueryCommand() {
        super("query: missing command (answers, or a function's event type with a question; try --help)");
    }

    /**
     * Adds {@code query <event type>} for every function on the class path that declares questions, with one
     * subcommand per question; the function's name and aliases name it too.
     */
    public static void addDeclaredQuestions(CommandLine query) {
        for (PipelineFunction function : PipelineFunction.values()) {
            Optional<AnalystQuestions> questions = FunctionDescriptors.questionsOf(function.functionName(),
                    QueryCommand.class.getClassLoader());
            if (questions.isEmpty() || questions.get().questions().isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            questions.get().questions().forEach(question -> names.add(question.name()));
            CommandLine group = new CommandLine(new FunctionQuestions("query " + function.eventType()
                    + ": missing question (" + String.join(", ", names) + "; try --help)"));
            group.getCommandSpec().usageMessage().description(questions.get().summary());
            for (AnalystQuestion question : questions.get().questions()) {
                group.addSubcommand(question.name(), QuestionCommand.of(function, question));
            }
            List<String> aliases = new ArrayList<>();
            aliases.add(function.functionName());
            aliases.addAll(function.descriptor().aliases());
            aliases.removeIf(alias -> alias.equals(function.eventType()));
            query.addSubcommand(function.eventType(), group, aliases.toArray(String[]::new));
        }
    }

    /** {@code query <event type>}: groups one function's questions. */
    @Command(mixinStandardHelpOptions = true)
    static final class FunctionQuestions extends CommandGroup {
        FunctionQuestions(String missingQuestion) {
            super(missingQuestion);
        }
    }
}
