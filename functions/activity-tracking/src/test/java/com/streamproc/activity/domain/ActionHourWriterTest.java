package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.store.ActivityStore;
import com.streamproc.activity.store.ItemKey;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.shared.batch.Deadline;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientRetry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ActionHourWriterTest {
    private static final String SHARD = "shardId-000000000000";
    private static final ActionHourKey KEY =
            new ActionHourKey("login", LocalDateTime.parse("2026-11-28T05:00"), SHARD);

    private final InMemoryActivityStore store = new InMemoryActivityStore();
    private final TransientRetry retry = new TransientRetry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO),
            Deadline.none());

    private static List<InboundRecord<ActivityEvent>> records(int from, int to) {
        List<InboundRecord<ActivityEvent>> records = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            records.add(new InboundRecord<>(new RecordRef(SHARD, Integer.toString(1000 + n), "u" + n, Instant.EPOCH, 10),
                    new ActivityEvent("e" + n, "u" + n, "login", Instant.parse("2026-11-28T05:10:00Z"), null)));
        }
        return records;
    }

    private ActionHour stored() {
        return ActionHour.fromItem(KEY, store.items().get(KEY.itemKey()));
    }

    @Test
    void replayedRecordsAtOrBelowTheMarkAreNotCountedAgain() {
        ActionHourWriter writer = new ActionHourWriter(store, ConcurrentRequests.upTo(1));
        writer.write(Map.of(KEY, records(1, 5)), retry);

        Set<RecordRef> failed = writer.write(Map.of(KEY, records(3, 8)), retry);

        assertThat(failed).isEmpty();
        assertThat(stored().count()).isEqualTo(8);
        assertThat(stored().hwm()).isEqualTo(RecordRef.padSequence("1008"));
    }

    @Test
    void writerThatLostTheRaceRereadsAndNeitherLosesNorDoublesAnUpdate() {
        // An overlapping writer of the same shard delivers a longer batch between this writer's read and its put.
        ActionHourWriter other = new ActionHourWriter(store, ConcurrentRequests.upTo(1));
        boolean[] raced = {false};
        ActivityStore racing = new DelegatingStore(store) {
            @Override
            public boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm) {
                if (!raced[0]) {
                    raced[0] = true;
                    other.write(Map.of(KEY, records(1, 8)), retry);
                }
                return super.putIfUnchanged(item, expectedHwm);
            }
        };
        ActionHourWriter writer = new ActionHourWriter(racing, ConcurrentRequests.upTo(1));

        Set<RecordRef> failed = writer.write(Map.of(KEY, records(1, 5)), retry);

        assertThat(failed).isEmpty();
        assertThat(stored().count()).as("an unconditional put would have left 5").isEqualTo(8);
        assertThat(stored().hwm()).isEqualTo(RecordRef.padSequence("1008"));
    }

    @Test
    void conditionFailingOnEveryAttemptLeavesTheRecordsUnwritten() {
        ActivityStore alwaysLosing = new DelegatingStore(store) {
            @Override
            public boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm) {
                return false;
            }
        };
        ActionHourWriter writer = new ActionHourWriter(alwaysLosing, ConcurrentRequests.upTo(1));

        Set<RecordRef> failed = writer.write(Map.of(KEY, records(1, 3)), retry);

        assertThat(failed).hasSize(3);
        assertThat(store.requests(InMemoryActivityStore.BATCH_GET)).as("first read and re-reads")
                .isEqualTo(ActionHourWriter.MAX_ATTEMPTS);
    }

    /** Forwards every request to another store; tests override what they want to change. */
    private static class DelegatingStore implements ActivityStore {
        private final ActivityStore delegate;

        DelegatingStore(ActivityStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public BatchRead batchGet(List<ItemKey> keys) {
            return delegate.batchGet(keys);
        }

        @Override
        public List<Map<String, AttributeValue>> putAll(List<Map<String, AttributeValue>> items, TransientRetry retry) {
            return delegate.putAll(items, retry);
        }

        @Override
        public boolean putIfUnchanged(Map<String, AttributeValue> item, String expectedHwm) {
            return delegate.putIfUnchanged(item, expectedHwm);
        }

        @Override
        public Optional<Map<String, AttributeValue>> get(ItemKey key) {
            return delegate.get(key);
        }

        @Override
        public Page query(String pk, Map<String, AttributeValue> exclusiveStartKey) {
            return delegate.query(pk, exclusiveStartKey);
        }

        @Override
        public CountPage countActiveDay(String day, Map<String, AttributeValue> exclusiveStartKey) {
            return delegate.countActiveDay(day, exclusiveStartKey);
        }
    }
}
