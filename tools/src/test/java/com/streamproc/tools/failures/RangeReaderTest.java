package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class RangeReaderTest {
    private static final OnFailureRecord RANGE = OnFailureRecord.parse(OnFailureRecordTest.DOCUMENTED_SAMPLE);

    @Test
    void readsFromTheStartToTheEndSequenceAcrossPages() {
        BigInteger start = RANGE.start();
        FakeShard shard = new FakeShard(start.subtract(BigInteger.TEN), 40, 7);
        OnFailureRecord range = OnFailureRecord.parse(OnFailureRecordTest.DOCUMENTED_SAMPLE
                .replace(RANGE.endSequence(), start.add(BigInteger.valueOf(20)).toString()));

        StreamRange result = new RangeReader(shard, d -> { }).read(range);

        assertThat(result).isInstanceOf(StreamRange.Found.class);
        List<Record> found = ((StreamRange.Found) result).records();
        assertThat(found).hasSize(21);
        assertThat(found.get(0).sequenceNumber()).isEqualTo(range.startSequence());
        assertThat(found.get(20).sequenceNumber()).isEqualTo(range.endSequence());
        assertThat(shard.iteratorRequests).containsExactly("AT_SEQUENCE_NUMBER " + range.startSequence());
    }

    @Test
    void firstRecordAfterTheStartMeansTheRangeWasTrimmed() {
        FakeShard shard = new FakeShard(RANGE.start().add(BigInteger.ONE), 5, 10);

        StreamRange result = new RangeReader(shard, d -> { }).read(RANGE);

        assertThat(result).isInstanceOf(StreamRange.Expired.class);
        assertThat(((StreamRange.Expired) result).reason()).isEqualTo("the stream no longer holds "
                + RANGE.startSequence() + ": the oldest record of shardId-000000000001 it returned is "
                + RANGE.start().add(BigInteger.ONE) + " (trimmed by the stream's retention)");
    }

    @Test
    void shardThatIsGoneMeansExpired() {
        FakeShard shard = new FakeShard(RANGE.start(), 5, 10);
        shard.shardGone = true;

        StreamRange result = new RangeReader(shard, d -> { }).read(RANGE);

        assertThat(((StreamRange.Expired) result).reason())
                .startsWith("shard shardId-000000000001 of stream mystream no longer exists");
    }

    @Test
    void tipOfTheShardBeforeTheEndMeansTheRangeIsIncomplete() {
        FakeShard shard = new FakeShard(RANGE.start(), 5, 10);

        StreamRange result = new RangeReader(shard, d -> { }).read(RANGE);

        assertThat(((StreamRange.Expired) result).reason()).isEqualTo("the stream holds no record up to "
                + RANGE.endSequence() + " of shardId-000000000001 (read 5 of 500)");
    }
}
