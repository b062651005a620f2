package com.streamproc.tools.query;

import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandGroup;
import com.streamproc.tools.cli.UtcDateConverter;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code query activity}: the activity-tracking function's questions, answered by its own {@link ActivityQueries}. */
@Command(name = "activity", mixinStandardHelpOptions = true,
        description = "Activity: a user's day, an action's hours, distinct active users per day.",
        subcommands = {ActivityQueryCommand.UserDay.class, ActivityQueryCommand.ActionHour.class,
                ActivityQueryCommand.ActiveUsers.class})
public final class ActivityQueryCommand extends CommandGroup {
    public ActivityQueryCommand() {
        super("query activity: missing question (user-day, action-hour, active-users; try --help)");
    }

    abstract static class Question extends TableQuestion<ActivityQueries> {
        Question() {
            super(PipelineFunction.parse(ActivityTrackingDescriptor.NAME), ActivityQueries::new);
        }
    }

    @Command(name = "user-day", mixinStandardHelpOptions = true,
            description = "A user's UTC day: count, first and last seen per action, and in total (one GetItem).")
    static final class UserDay extends Question {
        @Option(names = "--user-id", required = true, paramLabel = "ID")
        String userId;

        @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class)
        LocalDate day;

        @Override
        ResultTable answer(ActivityQueries queries) {
            ResultTable result = new ResultTable(Column.text("userId"), Column.text("day"), Column.text("action"),
                    Column.number("count"), Column.text("firstSeen"), Column.text("lastSeen"));
            Optional<UserDayActivity> activity = queries.userDay(userId, day);
            activity.ifPresent(a -> {
                Map<String, ActionStats> sorted = new TreeMap<>(a.actions());
                sorted.forEach((action, stats) -> {
                    if (result.size() < output.limit()) {
                        result.add(a.userId(), a.day().toString(), action, stats.count(),
                                stats.firstSeen().toString(), stats.lastSeen().toString());
                    }
                });
                result.add(a.userId(), a.day().toString(), "*", a.total(), a.firstSeen().toString(),
                        a.lastSeen().toString());
            });
            return result;
        }
    }

    @Command(name = "action-hour", mixinStandardHelpOptions = true,
            description = {"How often an action occurred in a UTC hour (one Query per hour);",
                    "with --day, each of the day's 24 hours."})
    static final class ActionHour extends Question {
        @Option(names = "--action", required = true, paramLabel = "ACTION")
        String action;

        @ArgGroup(exclusive = true, multiplicity = "1")
        When when;

        static final class When {
            @Option(names = "--hour", required = true, paramLabel = "yyyy-MM-ddTHH", converter = HourConverter.class,
                    description = "The UTC hour, e.g. 2026-11-27T10")
            LocalDateTime hour;

            @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class,
                    description = "Every hour of this UTC day")
            LocalDate day;
        }

        @Override
        ResultTable answer(ActivityQueries queries) {
            ResultTable result = new ResultTable(Column.text("action"), Column.text("hour"), Column.number("count"));
            if (when.hour != null) {
                result.add(action, HourConverter.text(when.hour), queries.actionHour(action, when.hour));
            } else {
                for (int h = 0; h < 24 && result.size() < output.limit(); h++) {
                    LocalDateTime hour = when.day.atTime(h, 0);
                    result.add(action, HourConverter.text(hour), queries.actionHour(action, hour));
                }
            }
            return result;
        }
    }

    @Command(name = "active-users", mixinStandardHelpOptions = true,
            description = "Distinct users active on each UTC day from --day (to --to-day) (Query with Select=COUNT).")
    static final class ActiveUsers extends Question {
        @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class)
        LocalDate day;

        @Option(names = "--to-day", paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class,
                description = "Last day of a range, inclusive (at most 92 days)")
        LocalDate toDay;

        @Override
        ResultTable answer(ActivityQueries queries) {
            LocalDate last = toDay == null ? day : toDay;
            if (last.isBefore(day) || day.plusDays(92).isBefore(last)) {
                throw usageError("--to-day must be from --day to 92 days after it");
            }
            ResultTable result = new ResultTable(Column.text("day"), Column.number("activeUsers"));
            for (LocalDate d = day; !d.isAfter(last) && result.size() < output.limit(); d = d.plusDays(1)) {
                result.add(d.toString(), queries.activeUsers(d));
            }
            return result;
        }
    }

    /** Reads a UTC hour: {@code 2026-11-27T10}, or with minutes ({@code 2026-11-27T10:00}). */
    public static final class HourConverter implements ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            String text = value.trim();
            try {
                return LocalDateTime.parse(text.length() == 13 ? text + ":00" : text).withMinute(0).withSecond(0).withNano(0);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an hour: use yyyy-MM-ddTHH, e.g. 2026-11-27T10");
            }
        }

        static String text(LocalDateTime hour) {
            return hour.toLocalDate() + "T" + String.format("%02d", hour.getHour());
        }
    }
}
