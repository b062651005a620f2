package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.ActivityTotals;
import com.streamproc.activity.testing.ActivityWorkload;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.LambdaShardRunner;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.TestActivity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The write budget: at most 0.3 DynamoDB write requests per record on 10,000 Zipf-distributed events (1,000 users,
 * exponent 1.2, 20 actions, three hours across midnight), counted as requests reaching the store.
 */
class WriteBudgetTest {
    static final double BUDGET_PER_RECORD = 0.3;

    @ParameterizedTest(name = "batches of {0}, times in stream order: {1}")
    @CsvSource({"1000, true", "1000, false", "500, true"})
    void zipfWorkloadStaysWithinTheWriteBudget(int batchSize, boolean inOrder) {
        InMemoryActivityStore store = new InMemoryActivityStore();
        ActivityHarness harness = new ActivityHarness(store, 4);
        ActivityWorkload workload = ActivityWorkload.zipf(42, inOrder);
        List<TestActivity> events = new ArrayList<>();
        ShardRecords shard = new ShardRecords("shardId-000000000000");
        int total = 10_000;
        workload.next(total, total).forEach(event -> {
            events.add(event);
            shard.add(event);
        });
        LambdaShardRunner runner = harness.runner();

        for (int from = 0; from < total; from += batchSize) {
            StreamsEventResponse response = runner.invoke(shard, from, from + batchSize);
            assertThat(response.getBatchItemFailures()).isEmpty();
        }

        double perRecord = store.writeRequests() / (double) total;
        System.out.printf("activity write budget, batches of %d (in order: %b): %d BatchWriteItem + %d PutItem"
                + " = %.3f requests/record%n", batchSize, inOrder, store.requests(InMemoryActivityStore.BATCH_WRITE), store.requests(InMemoryActivityStore.PUT),
                perRecord);
        assertThat(perRecord).isLessThanOrEqualTo(BUDGET_PER_RECORD);
        ActivityTotals expected = ActivityTotals.reference(events);
        assertThat(harness.stored(expected)).isEqualTo(expected);
    }
}
