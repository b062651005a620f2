package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.store.ActivityTableLayout;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.WriteShards;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDayTest {
    private static final UserDayKey KEY = new UserDayKey("alice", LocalDate.parse("2026-11-28"));

    private static InboundRecord<ActivityEvent> record(String shard, long sequence, String action, String at) {
        return new InboundRecord<>(new RecordRef(shard, Long.toString(sequence), "alice", Instant.EPOCH, 10),
                new ActivityEvent("e" + sequence, "alice", action, Instant.parse(at), null));
    }

    @Test
    void countsPerActionWithFirstAndLastSeenAndMarksTheHighestSequencePerShard() {
        UserDay day = UserDay.empty(KEY).applying(List.of(
                record("s1", 900, "login", "2026-11-28T05:00:00Z"),
                record("s1", 1000, "search", "2026-11-28T04:00:00.5Z"),
                record("s1", 950, "login", "2026-11-28T06:00:00.123999Z")));

        assertThat(day.total()).isEqualTo(3);
        assertThat(day.actions()).containsOnly(
                Map.entry("login", new ActionStats(2, Instant.parse("2026-11-28T05:00:00Z"),
                        Instant.parse("2026-11-28T06:00:00.123Z"))),
                Map.entry("search", ActionStats.once(Instant.parse("2026-11-28T04:00:00.500Z"))));
        assertThat(day.firstSeen()).isEqualTo(Instant.parse("2026-11-28T04:00:00.500Z"));
        assertThat(day.lastSeen()).isEqualTo(Instant.parse("2026-11-28T06:00:00.123Z"));
        assertThat(day.hwm()).containsOnly(Map.entry("s1", RecordRef.padSequence("1000")));
    }

    @Test
    void recordsAtOrBelowTheirShardsMarkChangeNothing() {
        UserDay day = UserDay.empty(KEY).applying(List.of(record("s1", 1000, "login", "2026-11-28T05:00:00Z")));

        UserDay replayed = day.applying(List.of(record("s1", 999, "login", "2026-11-28T05:00:00Z"),
                record("s1", 1000, "login", "2026-11-28T05:00:00Z")));

        assertThat(replayed).isSameAs(day);
    }

    @Test
    void marksOfDifferentShardsAreIndependent() {
        // After a reshard a child shard's sequence numbers need not be above the parent's.
        UserDay day = UserDay.empty(KEY).applying(List.of(record("parent", 5000, "login", "2026-11-28T05:00:00Z")));

        UserDay next = day.applying(List.of(record("child", 10, "login", "2026-11-28T05:00:00Z")));

        assertThat(next.total()).isEqualTo(2);
        assertThat(next.hwm()).containsOnlyKeys("parent", "child");
    }

    @Test
    void actionsBeyondTheLimitCountUnderOtherAndTheTotalStaysExact() {
        List<InboundRecord<ActivityEvent>> records = new ArrayList<>();
        for (int i = 0; i < UserDay.MAX_DISTINCT_ACTIONS + 3; i++) {
            records.add(record("s1", 100 + i, "action-" + i, "2026-11-28T05:00:00Z"));
        }
        records.add(record("s1", 10_000, "action-0", "2026-11-28T05:00:00Z"));

        UserDay day = UserDay.empty(KEY).applying(records);

        assertThat(day.total()).isEqualTo(UserDay.MAX_DISTINCT_ACTIONS + 4);
        assertThat(day.actions()).hasSize(UserDay.MAX_DISTINCT_ACTIONS + 1);
        assertThat(day.actions().get(UserDay.OTHER_ACTIONS).count()).isEqualTo(3);
        assertThat(day.actions().get("action-0").count()).isEqualTo(2);
        assertThat(day.toItem().toString().length()).as("item stays far below 400 KB").isLessThan(200_000);
    }

    @Test
    void factsComputedAheadDecideAsFactsComputedWhenAsked() {
        UserDay stored = UserDay.empty(KEY).deciding(List.of(record("s1", 100, "login", "2026-11-28T05:00:00Z"),
                record("s1", 200, "cart.add", "2026-11-28T06:00:00Z")), Map.of()).updated();
        // Redelivered (100, 200), new (300), a producer's duplicate of 100 in a later record (400), another shard.
        List<InboundRecord<ActivityEvent>> batch = List.of(record("s1", 100, "login", "2026-11-28T05:00:00Z"),
                record("s1", 200, "cart.add", "2026-11-28T06:00:00Z"),
                record("s1", 300, "login", "2026-11-28T07:00:00Z"),
                new InboundRecord<>(new RecordRef("s1", "400", "alice", Instant.EPOCH, 10),
                        new ActivityEvent("e100", "alice", "login", Instant.parse("2026-11-28T05:00:00Z"), null)),
                record("s2", 50, "logout", "2026-11-28T08:00:00Z"));
        Map<String, RecordRef> firstDelivered = Map.of("s1", batch.get(0).ref(), "s2", batch.get(4).ref());

        UserDay.Decision whenAsked = stored.deciding(batch, firstDelivered, Map.of(), RecordFacts.NONE);
        UserDay.Decision ahead = stored.deciding(batch, firstDelivered, Map.of(), RecordFacts.of(batch));

        assertThat(ahead.updated().toItem()).isEqualTo(whenAsked.updated().toItem());
        assertThat(ahead.counted()).containsExactlyElementsOf(whenAsked.counted());
        assertThat(ahead.duplicates()).containsExactlyElementsOf(whenAsked.duplicates());
        assertThat(ahead.counted()).extracting(r -> r.ref().sequenceNumber()).containsExactly("100", "200", "300", "50");
        assertThat(ahead.duplicates()).extracting(r -> r.ref().sequenceNumber()).containsExactly("400");
    }

    @Test
    void itemRoundTripKeepsEverything() {
        UserDay day = UserDay.empty(KEY).applying(List.of(
                record("s1", 7, "login", "2026-11-28T05:00:00Z"), record("s2", 9, "cart.add", "2026-11-28T23:59:59.999Z")));

        UserDay read = UserDay.fromItem(day.toItem());

        assertThat(read).isEqualTo(day);
        // The index key is the day and the user's bucket, so that a day's users spread over partitions.
        assertThat(day.toItem().get("activeDay").s()).isEqualTo("2026-11-28#"
                + WriteShards.bucket(KEY.userId(), ActivityTableLayout.ACTIVE_DAY_BUCKETS));
        assertThat(day.toItem().get("lastSeen").s()).isEqualTo("2026-11-28T23:59:59.999Z");
        assertThat(day.toItem().get("firstSeen").s()).isEqualTo("2026-11-28T05:00:00.000Z");
    }
}
