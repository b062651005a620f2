package com.streamproc.e2e.model;

import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.domain.ActivityReasonCodes;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.e2e.generate.ActivityIntent;
import com.streamproc.e2e.generate.ActivityStreamGenerator;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.reference.ActivityReference;
import com.streamproc.e2e.verify.ActivityStateCheck;
import com.streamproc.e2e.verify.Mismatches;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Activity tracking: user-days, action-hours and active users, each event id counted once. */
public final class ActivityModel implements EndToEndModel<ActivityIntent> {
    /** The UTC day of the bad-input catalogue's base activity event. */
    private static final LocalDate CATALOGUE_DAY = LocalDate.parse("2025-03-03");

    @Override
    public String functionName() {
        return ActivityTrackingDescriptor.NAME;
    }

    @Override
    public List<Produced<ActivityIntent>> generate(long seed, int scale) {
        return ActivityStreamGenerator.generate(seed, 33 * scale);
    }

    @Override
    public boolean isPoison(ActivityIntent intent) {
        return intent instanceof ActivityIntent.Poison;
    }

    @Override
    public Verdict verify(List<Delivered<ActivityIntent>> delivered, DynamoDbClient dynamoDb, String table) {
        ActivityReference reference = ActivityReference.of(delivered);
        // Events lie in the three days from FIRST_DAY (a changed duplicate up to an hour later).
        Mismatches mismatches = ActivityStateCheck.compare(reference, new ActivityQueries(dynamoDb, table),
                UtcDays.from(ActivityStreamGenerator.FIRST_DAY, 0, 4), new TreeSet<>(ActivityStreamGenerator.ACTIONS));
        return new Verdict(reference.poison(), reference.duplicates(), mismatches);
    }

    @Override
    public Set<String> reasonCodes() {
        return ReasonCodeConstants.withShared(ActivityReasonCodes.class);
    }

    @Override
    public Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                                  Map<String, String> checks) {
        String userId = checks.getOrDefault("userId", "user-" + id);
        LocalDate day = LocalDate.parse(checks.getOrDefault("day", CATALOGUE_DAY.toString()));
        Optional<UserDayActivity> activity = new ActivityQueries(dynamoDb, table).userDay(userId, day);
        if (activity.isEmpty() || activity.get().total() != 1) {
            return Optional.of("user-day " + userId + " " + day + " holds "
                    + activity.map(a -> a.total() + " events").orElse("nothing") + ", expected 1");
        }
        return Optional.empty();
    }
}
