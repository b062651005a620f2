package com.streamproc.activity.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.domain.ActionHour;
import com.streamproc.activity.domain.ActionHourKey;
import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.domain.UserDay;
import com.streamproc.activity.domain.UserDayKey;
import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.shared.batch.Deadline;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ActivityQueriesTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final LocalDateTime HOUR = LocalDateTime.parse("2026-11-28T05:00");

    /** Two items per page, so every answer needs several pages. */
    private final InMemoryActivityStore store = new InMemoryActivityStore(2);
    private final ActivityQueries queries = new ActivityQueries(store);
    private final TransientRetry retry = new TransientRetry(RetryPolicy.DEFAULT, Deadline.none());

    private void put(List<Map<String, AttributeValue>> items) {
        assertThat(store.putAll(items, retry)).isEmpty();
    }

    private static UserDay userDay(String user, LocalDate day, long logins) {
        Instant at = Instant.parse(day + "T05:00:00Z");
        return new UserDay(new UserDayKey(user, day), logins, Map.of("login", new ActionStats(logins, at, at)), at, at,
                Map.of("shardId-0", "0001"));
    }

    @Test
    void actionHourSumsTheItemsOfAllShardsAcrossPages() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int shard = 0; shard < 5; shard++) {
            items.add(new ActionHour(new ActionHourKey("login", HOUR, "shardId-" + shard), 10 + shard, "0001").toItem());
        }
        items.add(new ActionHour(new ActionHourKey("login", HOUR.plusHours(1), "shardId-0"), 99, "0001").toItem());
        items.add(new ActionHour(new ActionHourKey("logout", HOUR, "shardId-0"), 77, "0001").toItem());
        put(items);

        assertThat(queries.actionHour("login", HOUR.plusMinutes(42))).isEqualTo(10 + 11 + 12 + 13 + 14);
        assertThat(queries.actionHour("login", HOUR.minusHours(1))).isZero();
    }

    @Test
    void activeUsersCountsTheDaysUserItemsAcrossPages() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int user = 0; user < 7; user++) {
            items.add(userDay("user-" + user, DAY, 1 + user).toItem());
        }
        items.add(userDay("user-0", DAY.minusDays(1), 3).toItem());
        put(items);

        assertThat(queries.activeUsers(DAY)).isEqualTo(7);
        assertThat(queries.activeUsers(DAY.minusDays(1))).isEqualTo(1);
        assertThat(queries.activeUsers(DAY.plusDays(1))).isZero();
        // Every bucket of each day and the plain day are queried, at least one page each.
        assertThat(store.requests(InMemoryActivityStore.QUERY))
                .isGreaterThanOrEqualTo(3 * (ActivityTableLayout.ACTIVE_DAY_BUCKETS + 1));
    }

    @Test
    void activeUsersAlsoCountsUserDaysWrittenBeforeTheIndexKeyWasBucketed() {
        Map<String, AttributeValue> legacy = new HashMap<>(userDay("user-old", DAY, 2).toItem());
        legacy.put(ActivityTableLayout.ACTIVE_DAY, AttributeValue.fromS(DAY.toString()));
        put(List.of(legacy, userDay("user-new", DAY, 1).toItem()));

        assertThat(queries.activeUsers(DAY)).isEqualTo(2);
    }

    @Test
    void userDayAnswersPerActionCountsAndFirstLastSeen() {
        put(List.of(userDay("alice", DAY, 4).toItem()));

        UserDayActivity activity = queries.userDay("alice", DAY).orElseThrow();

        assertThat(activity.total()).isEqualTo(4);
        assertThat(activity.actions()).containsOnlyKeys("login");
        assertThat(activity.actions().get("login").count()).isEqualTo(4);
        assertThat(activity.firstSeen()).isEqualTo(Instant.parse("2026-11-28T05:00:00Z"));
        assertThat(queries.userDay("alice", DAY.plusDays(1))).isEmpty();
        assertThat(queries.userDay("bob", DAY)).isEmpty();
    }
}
