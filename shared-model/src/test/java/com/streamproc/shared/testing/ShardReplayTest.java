package com.streamproc.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardReplayTest {

    /** Ten records with sequence numbers FIRST_SEQUENCE + index. */
    private static final ShardReplay.Shard TEN = new ShardReplay.Shard() {
        @Override
        public int size() {
            return 10;
        }

        @Override
        public KinesisEvent batch(int from, int to) {
            KinesisEventFixture fixture = KinesisEventFixture.batch();
            for (int i = from; i < to; i++) {
                fixture.sequence(KinesisEventFixture.FIRST_SEQUENCE.add(BigInteger.valueOf(i)));
                fixture.record("key", "{\"n\":" + i + "}");
            }
            return fixture.build();
        }

        @Override
        public int indexOf(String sequenceNumber) {
            return new BigInteger(sequenceNumber).subtract(KinesisEventFixture.FIRST_SEQUENCE).intValueExact();
        }
    };

    @Test
    void aReportedRecordStartsTheNextBatchAndTheRestFollowInBatchesOfTheGivenSize() {
        List<String> batches = new ArrayList<>();
        boolean[] reported = {false};

        ShardReplay.Stats stats = ShardReplay.deliver(TEN, 0, ShardReplay.ofSize(4), 10, event -> {
            List<KinesisEvent.KinesisEventRecord> records = event.getRecords();
            batches.add(TEN.indexOf(records.get(0).getKinesis().getSequenceNumber()) + ".."
                    + TEN.indexOf(records.get(records.size() - 1).getKinesis().getSequenceNumber()));
            StreamsEventResponse response = new StreamsEventResponse(new ArrayList<>());
            if (!reported[0] && records.size() == 4 && batches.size() == 2) {
                reported[0] = true;
                response.getBatchItemFailures().add(new StreamsEventResponse.BatchItemFailure(
                        records.get(2).getKinesis().getSequenceNumber()));
            }
            return response;
        });

        assertThat(batches).containsExactly("0..3", "4..7", "6..9");
        assertThat(stats).isEqualTo(new ShardReplay.Stats(3, 12, 2, 1));
    }

    @Test
    void aShardThatNeverGetsThroughStopsAtTheInvocationLimit() {
        assertThatThrownBy(() -> ShardReplay.deliver(TEN, 0, ShardReplay.ofSize(5), 3, event -> {
            String first = event.getRecords().get(0).getKinesis().getSequenceNumber();
            return new StreamsEventResponse(new ArrayList<>(List.of(new StreamsEventResponse.BatchItemFailure(first))));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("not through after 3 invocations");
    }
}
