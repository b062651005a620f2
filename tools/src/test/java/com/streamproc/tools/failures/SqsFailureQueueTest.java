package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

class SqsFailureQueueTest {
    private static final String URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-order-processing-failures";

    private static String body(String shard) {
        return OnFailureRecordTest.DOCUMENTED_SAMPLE.replace("shardId-000000000001", shard);
    }

    @Test
    void onlyTheReplayedMessageIsDeletedTheOthersAreVisibleAgain() {
        FakeQueue queue = new FakeQueue();
        for (int i = 0; i < 12; i++) {
            queue.visible.put("h" + i, body(String.format("shardId-%012d", i)));
        }

        List<FailureEntry> read;
        try (SqsFailureQueue source = new SqsFailureQueue(queue, URL, Duration.ofHours(1))) {
            read = source.read(100);
            source.replayed(read.get(3));
        }

        assertThat(read).hasSize(12);
        assertThat(read).extracting(e -> e.record().shardId()).isSorted();
        assertThat(queue.deleted).containsExactly(read.get(3).handle());
        assertThat(queue.visible).hasSize(11).doesNotContainKey(read.get(3).handle());
        assertThat(queue.hidden).isEmpty();
        assertThat(queue.visibilityTimeouts).allSatisfy(t -> assertThat(t).isEqualTo(3600));
        assertThat(queue.closed).isTrue();
    }

    @Test
    void messageThatIsNoOnFailureRecordIsNamedAndLeftInTheQueue() {
        FakeQueue queue = new FakeQueue();
        queue.visible.put("h1", "{\"hello\":1}");

        try (SqsFailureQueue source = new SqsFailureQueue(queue, URL, Duration.ofHours(1))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.read(10))
                    .hasMessage("message m-h1 of " + URL
                            + ": no KinesisBatchInfo: not the on-failure record of a Kinesis source");
        }

        assertThat(queue.visible).containsOnlyKeys("h1");
        assertThat(queue.deleted).isEmpty();
    }
}
