package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySpanTest {
    private static FailureEntry entry(String shard, String start, String end, int batchSize, String handle) {
        String json = OnFailureRecordTest.DOCUMENTED_SAMPLE
                .replace("shardId-000000000001", shard)
                .replace("49601189658422359378836298521827638475320189012309704722", start)
                .replace("49601189658422359378836298522902373528957594348623495186", end)
                .replace("\"batchSize\": 500", "\"batchSize\": " + batchSize);
        return new FailureEntry(OnFailureRecord.parse(json), handle, false);
    }

    @Test
    void overlappingRangesOfAShardAreReplayedAsOneSpan() {
        FailureEntry first = entry("shardId-000000000000", "100", "160", 2, "1");
        FailureEntry inside = entry("shardId-000000000000", "120", "130", 1, "2");
        FailureEntry touching = entry("shardId-000000000000", "160", "200", 3, "3");

        List<ReplaySpan> spans = ReplaySpan.merge(List.of(touching, inside, first));

        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).range().startSequence()).isEqualTo("100");
        assertThat(spans.get(0).range().endSequence()).isEqualTo("200");
        assertThat(spans.get(0).range().batchSize()).isEqualTo(6);
        assertThat(spans.get(0).entries()).containsExactly(first, inside, touching);
    }

    @Test
    void separateRangesAndOtherShardsStayApartInShardAndSequenceOrder() {
        FailureEntry later = entry("shardId-000000000000", "300", "310", 1, "1");
        FailureEntry earlier = entry("shardId-000000000000", "100", "110", 1, "2");
        FailureEntry otherShard = entry("shardId-000000000001", "100", "110", 1, "3");

        List<ReplaySpan> spans = ReplaySpan.merge(List.of(otherShard, later, earlier));

        assertThat(spans).extracting(s -> s.range().range()).containsExactly(
                "shardId-000000000000/100..110", "shardId-000000000000/300..310", "shardId-000000000001/100..110");
    }
}
