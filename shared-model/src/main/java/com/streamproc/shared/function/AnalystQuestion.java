package com.streamproc.shared.function;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One question an analyst asks of a function's table, declared so that a command line can offer it without code of
 * its own: its name and options, the columns of its answer, and how the function's query classes answer it (Query
 * and GetItem only). The tools offer it as {@code query <event type> <name> --option value ...}.
 *
 * @param name        lower-case words joined by hyphens ({@code by-customer})
 * @param description what it answers and with which requests, one or more lines
 * @param options     what it takes, in the order help shows them
 * @param columns     the answer's columns, in order
 * @param check       what the options' values must meet together (one of two given, a range in bounds), checked
 *                    before anything connects to AWS, like each option's kind and choices
 * @param answering   the answer: one row per list, one cell per column
 */
public record AnalystQuestion(String name, List<String> description, List<Option> options, List<Column> columns,
                              ArgumentCheck check, Answering answering) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public AnalystQuestion {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("question name '" + name + "': lower-case words joined by hyphens");
        }
        description = List.copyOf(description);
        options = List.copyOf(options);
        columns = List.copyOf(columns);
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(answering, "answering");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("question " + name + " has no columns");
        }
    }

    /** A question whose options need no check together. */
    public AnalystQuestion(String name, List<String> description, List<Option> options, List<Column> columns,
                           Answering answering) {
        this(name, description, options, columns, arguments -> { }, answering);
    }

    /**
     * Checks the values given to a question's options: each against its option ({@link QuestionArguments#check}),
     * then together ({@link #check}).
     *
     * @throws IllegalArgumentException naming the option(s) whose values the question cannot take
     */
    public void checkArguments(QuestionArguments arguments) {
        arguments.check(options);
        check.check(arguments);
    }

    /**
     * One option of a question.
     *
     * @param name        {@code --lower-case-words}
     * @param label       what help shows for its value ({@code yyyy-MM-dd})
     * @param description one line, may be empty
     * @param required    whether the question cannot be asked without it
     * @param several     whether it takes several values, separated by commas
     * @param kind        what its values are: checked before anything connects to AWS
     * @param choices     the values it accepts (in any case), or empty for any value of its kind
     */
    public record Option(String name, String label, String description, boolean required, boolean several, Kind kind,
                         List<String> choices) {
        public Option {
            Objects.requireNonNull(name, "name");
            if (!OPTION.matcher(name).matches()) {
                throw new IllegalArgumentException("option name '" + name + "': --lower-case-words");
            }
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(kind, "kind");
            choices = List.copyOf(choices);
        }

        /** A text option the question cannot be asked without. */
        public static Option required(String name, String label, String description) {
            return new Option(name, label, description, true, false, Kind.TEXT, List.of());
        }

        /** A text option the question can be asked without. */
        public static Option optional(String name, String label, String description) {
            return new Option(name, label, description, false, false, Kind.TEXT, List.of());
        }

        /** The same option taking several values, separated by commas. */
        public Option list() {
            return new Option(name, label, description, required, true, kind, choices);
        }

        /** The same option taking a UTC day, {@code yyyy-MM-dd}. */
        public Option day() {
            return new Option(name, label, description, required, several, Kind.UTC_DAY, choices);
        }

        /** The same option taking a UTC hour, {@code yyyy-MM-ddTHH}. */
        public Option hour() {
            return new Option(name, label, description, required, several, Kind.UTC_HOUR, choices);
        }

        /** The same option accepting only these values (in any case). */
        public Option oneOf(List<String> values) {
            return new Option(name, label, description, required, several, kind, values);
        }
    }

    /** What an option's values are. */
    public enum Kind {
        TEXT,
        /** {@code yyyy-MM-dd} ({@link QuestionArguments#day}). */
        UTC_DAY,
        /** {@code yyyy-MM-ddTHH}, minutes allowed ({@link QuestionArguments#hour}). */
        UTC_HOUR
    }

    /**
     * One column of an answer.
     *
     * @param numeric whether its cells are numbers (exact decimals stay exact)
     */
    public record Column(String name, boolean numeric) {
        public static Column text(String name) {
            return new Column(name, false);
        }

        public static Column number(String name) {
            return new Column(name, true);
        }
    }

    /** What the values of a question's options must meet together. */
    @FunctionalInterface
    public interface ArgumentCheck {
        /** @throws IllegalArgumentException naming the options whose values do not go together */
        void check(QuestionArguments arguments);
    }

    /** How a function answers one of its questions. */
    @FunctionalInterface
    public interface Answering {
        /**
         * The rows of the answer, at most {@link QuestionArguments#limit()} unless a question says otherwise. A cell
         * is {@code null}, a {@code String}, a {@code Number} or a {@code List<String>}.
         *
         * @param dynamoDb    a client for the function's table
         * @param environment the function's variables (its table names)
         * @throws IllegalArgumentException when an option's value is not one the question can take; the message names
         *                                  the option (a command line shows it as a usage error)
         */
        List<List<Object>> answer(DynamoDbClient dynamoDb, Map<String, String> environment,
                                  QuestionArguments arguments);
    }
}
