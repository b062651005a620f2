package com.streamproc.activity.query;

import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.activity.domain.ActionStats;
import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.AnalystQuestion.Column;
import com.streamproc.shared.function.AnalystQuestion.Option;
import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.QuestionArguments;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The activity-tracking function's analyst questions, with {@link ActivityQueries}. */
public final class ActivityQuestions implements AnalystQuestions {
    @Override
    public String functionName() {
        return ActivityTrackingDescriptor.NAME;
    }

    /** Active users and {@code examples[0]}'s events, yesterday and today; page views in the last full hour. */
    @Override
    public List<String> answer(DynamoDbClient dynamoDb, Map<String, String> environment, List<String> examples) {
        ActivityQueries queries = queries(dynamoDb, environment);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            String line = "active users on " + day + ": " + queries.activeUsers(day);
            if (!examples.isEmpty()) {
                long total = queries.userDay(examples.get(0), day).map(UserDayActivity::total).orElse(0L);
                line += "; events of the top user " + examples.get(0) + " that day: " + total;
            }
            lines.add(line);
        }
        LocalDateTime hour = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.HOURS);
        lines.add("page.view events in the hour from " + hour + ": " + queries.actionHour("page.view", hour));
        return lines;
    }

    /** The most days {@code active-users} reports at once. */
    static final int MAX_DAYS = 92;

    @Override
    public String summary() {
        return "Activity: a user's day, an action's hours, distinct active users per day.";
    }

    @Override
    public List<AnalystQuestion> questions() {
        return List.of(
                new AnalystQuestion("user-day",
                        List.of("A user's UTC day: count, first and last seen per action, and in total (one GetItem)."),
                        List.of(Option.required("--user-id", "ID", ""), Option.required("--day", "yyyy-MM-dd", "").day()),
                        List.of(Column.text("userId"), Column.text("day"), Column.text("action"),
                                Column.number("count"), Column.text("firstSeen"), Column.text("lastSeen")),
                        ActivityQuestions::userDay),
                new AnalystQuestion("action-hour",
                        List.of("How often an action occurred in a UTC hour (one Query per hour);",
                                "with --day, each of the day's 24 hours. One of --hour and --day."),
                        List.of(Option.required("--action", "ACTION", ""),
                                Option.optional("--hour", "yyyy-MM-ddTHH", "The UTC hour, e.g. 2026-11-27T10")
                                        .hour(),
                                Option.optional("--day", "yyyy-MM-dd", "Every hour of this UTC day").day()),
                        List.of(Column.text("action"), Column.text("hour"), Column.number("count")),
                        arguments -> {
                            if (arguments.optional("--hour").isPresent() == arguments.optional("--day").isPresent()) {
                                throw new IllegalArgumentException("give one of --hour and --day");
                            }
                        },
                        ActivityQuestions::actionHours),
                new AnalystQuestion("active-users",
                        List.of("Distinct users active on each UTC day from --day (to --to-day) (Query with"
                                + " Select=COUNT)."),
                        List.of(Option.required("--day", "yyyy-MM-dd", "").day(), Option.optional("--to-day",
                                "yyyy-MM-dd", "Last day of a range, inclusive (at most " + MAX_DAYS + " days)").day()),
                        List.of(Column.text("day"), Column.number("activeUsers")),
                        ActivityQuestions::checkRange, ActivityQuestions::activeUsers));
    }

    private static ActivityQueries queries(DynamoDbClient dynamoDb, Map<String, String> environment) {
        return new ActivityQueries(dynamoDb,
                new FunctionEnvironment(environment).required(ActivityTrackingDescriptor.TABLE_VARIABLE));
    }

    private static List<List<Object>> userDay(DynamoDbClient dynamoDb, Map<String, String> environment,
                                              QuestionArguments arguments) {
        String userId = arguments.required("--user-id");
        LocalDate day = arguments.requiredDay("--day");
        List<List<Object>> rows = new ArrayList<>();
        Optional<UserDayActivity> activity = queries(dynamoDb, environment).userDay(userId, day);
        activity.ifPresent(a -> {
            Map<String, ActionStats> sorted = new TreeMap<>(a.actions());
            sorted.forEach((action, stats) -> {
                if (rows.size() < arguments.limit()) {
                    rows.add(List.of(a.userId(), a.day().toString(), action, stats.count(),
                            stats.firstSeen().toString(), stats.lastSeen().toString()));
                }
            });
            // The day's total always closes the answer.
            rows.add(List.of(a.userId(), a.day().toString(), "*", a.total(), a.firstSeen().toString(),
                    a.lastSeen().toString()));
        });
        return rows;
    }

    private static List<List<Object>> actionHours(DynamoDbClient dynamoDb, Map<String, String> environment,
                                                  QuestionArguments arguments) {
        String action = arguments.required("--action");
        Optional<LocalDateTime> hour = arguments.hour("--hour");
        Optional<LocalDate> day = arguments.day("--day");
        ActivityQueries queries = queries(dynamoDb, environment);
        List<List<Object>> rows = new ArrayList<>();
        if (hour.isPresent()) {
            rows.add(List.of(action, text(hour.get()), queries.actionHour(action, hour.get())));
        } else {
            for (int h = 0; h < 24 && rows.size() < arguments.limit(); h++) {
                LocalDateTime each = day.get().atTime(h, 0);
                rows.add(List.of(action, text(each), queries.actionHour(action, each)));
            }
        }
        return rows;
    }

    private static List<List<Object>> activeUsers(DynamoDbClient dynamoDb, Map<String, String> environment,
                                                  QuestionArguments arguments) {
        LocalDate first = arguments.requiredDay("--day");
        LocalDate last = arguments.day("--to-day").orElse(first);
        ActivityQueries queries = queries(dynamoDb, environment);
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last) && rows.size() < arguments.limit(); d = d.plusDays(1)) {
            rows.add(List.of(d.toString(), queries.activeUsers(d)));
        }
        return rows;
    }

    private static void checkRange(QuestionArguments arguments) {
        LocalDate first = arguments.requiredDay("--day");
        LocalDate last = arguments.day("--to-day").orElse(first);
        if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new IllegalArgumentException("--to-day must be from --day to " + MAX_DAYS + " days after it");
        }
    }

    static String text(LocalDateTime hour) {
        return hour.toLocalDate() + "T" + String.format("%02d", hour.getHour());
    }
}
