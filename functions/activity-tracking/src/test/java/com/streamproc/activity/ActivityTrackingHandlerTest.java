package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.activity.testing.ShardRecords;
import com.streamproc.activity.testing.TestActivity;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityTrackingHandlerTest {
    @Test
    void missingTableVariableFailsAtColdStartNamingIt() {
        assertThatThrownBy(() -> com.streamproc.shared.function.FunctionWiring.checkedEnvironment(new ActivityTrackingDescriptor(),
                new FunctionEnvironment(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ACTIVITY_TABLE");
    }

    @Test
    void handlerDelegatesTheLambdaEventToTheBatchProcessor() {
        ActivityHarness harness = new ActivityHarness(new InMemoryActivityStore());
        ShardRecords shard = new ShardRecords("shardId-000000000000")
                .add(new TestActivity("e-1", "alice", "login", Instant.parse("2026-11-28T05:00:00Z")))
                .add("alice", "not json");

        StreamsEventResponse response = harness.handler().handleRequest(shard.all(), FakeLambdaContext.withTime(60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-28"))).isEqualTo(1);
        assertThat(harness.quarantine().stored()).hasSize(1);
    }
}
