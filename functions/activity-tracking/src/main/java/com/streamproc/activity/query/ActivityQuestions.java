package com.streamproc.activity.query;

import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.function.AnalystQuestions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        ActivityQueries queries = new ActivityQueries(dynamoDb,
                new FunctionEnvironment(environment).required(ActivityTrackingDescriptor.TABLE_VARIABLE));
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
}
