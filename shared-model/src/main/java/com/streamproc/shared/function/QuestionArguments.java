package com.streamproc.shared.function;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values an analyst gave a question's options ({@link AnalystQuestion.Option}), as typed, and the most rows
 * wanted. The readers name the option in the message of the {@link IllegalArgumentException} a bad value throws.
 */
public final class QuestionArguments {
    private final Map<String, List<String>> values;
    private final int limit;

    /**
     * @param values option name to its values (one for a single-valued option); options not given are absent
     * @param limit  the most rows wanted, at least 1
     */
    public QuestionArguments(Map<String, List<String>> values, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
        this.values = Map.copyOf(values);
        this.limit = limit;
    }

    /** The most rows wanted. */
    public int limit() {
        return limit;
    }

    /** The value of an option, if it was given. */
    public Optional<String> optional(String option) {
        List<String> given = values.get(option);
        return given == null || given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
    }

    /** The value of an option that must be given. */
    public String required(String option) {
        return optional(option).orElseThrow(() -> new IllegalArgumentException("missing " + option));
    }

    /** Every value of a list option, as given (empty when it was not). */
    public List<String> list(String option) {
        return values.getOrDefault(option, List.of());
    }

    /** A UTC day given as {@code yyyy-MM-dd}, if the option was given. */
    public Optional<LocalDate> day(String option) {
        return optional(option).map(text -> parseDay(option, text));
    }

    /** A UTC day that must be given. */
    public LocalDate requiredDay(String option) {
        return day(option).orElseThrow(() -> new IllegalArgumentException("missing " + option));
    }

    /** A UTC hour given as {@code yyyy-MM-ddTHH} (or with minutes, which are dropped), if the option was given. */
    public Optional<LocalDateTime> hour(String option) {
        return optional(option).map(text -> parseHour(option, text));
    }

    /**
     * Checks every given value against its option's kind and choices, so that a command line can refuse a bad value
     * before it connects to anything.
     *
     * @throws IllegalArgumentException naming the first option whose value is not one it takes
     */
    public void check(List<AnalystQuestion.Option> options) {
        for (AnalystQuestion.Option option : options) {
            switch (option.kind()) {
                case UTC_DAY -> list(option.name()).forEach(value -> parseDay(option.name(), value));
                case UTC_HOUR -> list(option.name()).forEach(value -> parseHour(option.name(), value));
                case TEXT -> { }
            }
            if (!option.choices().isEmpty()) {
                for (String value : list(option.name())) {
                    String given = value.trim().toUpperCase(Locale.ROOT);
                    boolean accepted = option.choices().stream()
                            .anyMatch(choice -> choice.toUpperCase(Locale.ROOT).equals(given));
                    if (!accepted) {
                        throw new IllegalArgumentException(option.name() + ": '" + value + "' is not one of "
                                + option.choices());
                    }
                }
            }
        }
    }

    private static LocalDate parseDay(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a day: use yyyy-MM-dd, e.g. "
                    + "2026-11-27");
        }
    }

    private static LocalDateTime parseHour(String option, String text) {
        String trimmed = text.trim();
        try {
            return LocalDateTime.parse(trimmed.length() == 13 ? trimmed + ":00" : trimmed)
                    .truncatedTo(ChronoUnit.HOURS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an hour: use yyyy-MM-ddTHH, e.g."
                    + " 2026-11-27T10");
        }
    }

    @Override
    public String toString() {
        return "QuestionArguments" + values + ", limit " + limit;
    }
}
