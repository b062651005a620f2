package com.streamproc.activity.query;

import com.streamproc.activity.domain.ActionHour;
import com.streamproc.activity.domain.ActionHourKey;
import com.streamproc.activity.domain.UserDay;
import com.streamproc.activity.domain.UserDayKey;
import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.store.DynamoDbActivityStore;
import com.streamproc.shared.dynamo.WriteShards;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The analysts' questions, answered with GetItem and Query only (never Scan), following every page. Reads are
 * eventually consistent (the index cannot be read any other way): a count may trail the stream by a moment.
 */
public final class ActivityQueries {
    private final ActivityStore store;

    public ActivityQueries(ActivityStore store) {
        this.store = store;
    }

    public ActivityQueries(DynamoDbClient dynamoDb, String table) {
        this(new DynamoDbActivityStore(dynamoDb, table));
    }

    /** A user's activity on a UTC day (one GetItem); empty if the user did nothing that day. */
    public Optional<UserDayActivity> userDay(String userId, LocalDate day) {
        return store.get(new UserDayKey(userId, day).itemKey()).map(UserDay::fromItem)
                .map(d -> new UserDayActivity(d.key().userId(), d.key().day(), d.total(), d.firstSeen(),
                        d.lastSeen(), d.actions()));
    }

    /**
     * How many events of {@code action} occurred in the UTC hour starting at {@code hour} (minutes and below are
     * ignored): the sum over the shards' items of that action and hour (one Query).
     */
    public long actionHour(String action, LocalDateTime hour) {
        String pk = ActionHourKey.partitionKey(action, hour.truncatedTo(ChronoUnit.HOURS));
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ActivityStore.Page page = store.query(pk, start);
            count += page.items().stream().mapToLong(ActionHour::countOf).sum();
            start = page.lastEvaluatedKey();
        } while (start != null);
        return count;
    }

    /**
     * How many distinct users were active on a UTC day: the number of user-day items of that day, counted on the
     * {@code byActiveDay} index (Query with Select=COUNT), in each of the day's buckets and under the plain day
     * (user-days written before the index key was bucketed; a user-day moves to its bucket when next written).
     */
    public long activeUsers(LocalDate day) {
        long count = 0;
        List<String> values = new ArrayList<>(WriteShards.values(day.toString(),
                ActivityTableLayout.ACTIVE_DAY_BUCKETS));
        values.add(day.toString());
        for (String bucket : values) {
            Map<String, AttributeValue> start = null;
            do {
                ActivityStore.CountPage page = store.countActiveDay(bucket, start);
                count += page.count();
                start = page.lastEvaluatedKey();
            } while (start != null);
        }
        return count;
    }
}
