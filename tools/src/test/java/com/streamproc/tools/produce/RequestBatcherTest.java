package com.streamproc.tools.produce;

import static com.streamproc.tools.produce.TestRecords.record;
import static com.streamproc.tools.produce.TestRecords.sized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBatcherTest {

    @Test
    void requestHoldsAtMostFiveHundredRecords() {
        Deque<OutboundRecord> pending = new ArrayDeque<>();
        for (int i = 0; i < 1200; i++) {
            pending.add(record("k" + i, "{}"));
        }
        RequestBatcher batcher = RequestBatcher.standard(true);

        List<Integer> sizes = new ArrayList<>();
        while (!pending.isEmpty()) {
            sizes.add(batcher.next(pending).size());
        }

        assertThat(sizes).containsExactly(500, 500, 200);
    }

    @Test
    void requestStaysWithinFiveMebibytesCountingPartitionKeys() {
        Deque<OutboundRecord> pending = new ArrayDeque<>();
        // Six records of 1 MiB minus a little, each with a 10-byte key: five fit in 5 MiB, six do not.
        int data = 1024 * 1024 - 10;
        for (int i = 0; i < 6; i++) {
            pending.add(sized("key-" + String.format("%06d", i), data));
        }
        RequestBatcher batcher = RequestBatcher.standard(true);

        List<OutboundRecord> first = batcher.next(pending);

        assertThat(first).hasSize(5);
        assertThat(first.stream().mapToLong(OutboundRecord::sizeBytes).sum()).isLessThanOrEqualTo(KinesisLimits.MAX_REQUEST_BYTES);
        assertThat(batcher.next(pending)).hasSize(1);
    }

    @Test
    void keyOrderKeptTakesOneRecordPerKeyAndKeepsLaterOnesOfThatKeyBack() {
        Deque<OutboundRecord> pending = new ArrayDeque<>(List.of(
                record("a", "a1"), record("b", "b1"), record("a", "a2"), record("c", "c1"), record("a", "a3"),
                record("b", "b2")));
        RequestBatcher batcher = RequestBatcher.standard(true);

        List<String> first = data(batcher.next(pending));
        List<String> second = data(batcher.next(pending));
        List<String> third = data(batcher.next(pending));

        assertThat(first).containsExactly("a1", "b1", "c1");
        assertThat(second).containsExactly("a2", "b2");
        assertThat(third).containsExactly("a3");
        assertThat(pending).isEmpty();
    }

    @Test
    void withoutKeyOrderRecordsOfOneKeyShareARequest() {
        Deque<OutboundRecord> pending = new ArrayDeque<>(List.of(record("a", "a1"), record("a", "a2"), record("a", "a3")));

        List<String> request = data(RequestBatcher.standard(false).next(pending));

        assertThat(request).containsExactly("a1", "a2", "a3");
    }

    @Test
    void fullMeansFiveHundredRecordsOrFiveMebibytes() {
        RequestBatcher batcher = RequestBatcher.standard(true);

        assertThat(batcher.isFull(499, 1000)).isFalse();
        assertThat(batcher.isFull(500, 1000)).isTrue();
        assertThat(batcher.isFull(3, KinesisLimits.MAX_REQUEST_BYTES)).isTrue();
    }

    private static List<String> data(List<OutboundRecord> records) {
        return records.stream().map(r -> new String(r.data())).toList();
    }
}
