package com.streamproc.shared.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.batch.RecordRef;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineKeysTest {
    private static final BigInteger FIRST = new BigInteger("49659000000000000000000000000000000000000000000000000000");

    @Test
    void consecutiveRecordsOfOneShardSpreadEvenlyOverTheBuckets() {
        Map<String, Integer> table = new HashMap<>();
        Map<Integer, Integer> index = new HashMap<>();
        int records = 12_800;
        for (int i = 0; i < records; i++) {
            String sequenceKey = RecordRef.padSequence(FIRST.add(BigInteger.valueOf(i)).toString());
            table.merge(QuarantineKeys.shardBucket("shardId-000000000007", sequenceKey), 1, Integer::sum);
            index.merge(QuarantineKeys.indexBucket("shardId-000000000007", sequenceKey), 1, Integer::sum);
        }

        // Even: 1,600 per table bucket and 50 per index bucket; allow the spread of a fair draw.
        assertThat(table).hasSize(QuarantineKeys.TABLE_BUCKETS);
        assertThat(table.values()).allSatisfy(n -> assertThat(n).isBetween(1_450, 1_750));
        assertThat(index).hasSize(QuarantineKeys.INDEX_BUCKETS);
        assertThat(index.values()).allSatisfy(n -> assertThat(n).isBetween(25, 80));
    }

    @Test
    void aRecordsKeysDependOnlyOnItsShardAndSequence() {
        String key = RecordRef.padSequence("4959");

        assertThat(QuarantineKeys.tableKey("shardId-000000000001", key))
                .isEqualTo(QuarantineKeys.tableKey("shardId-000000000001", key));
        assertThat(QuarantineKeys.shardBuckets("shardId-000000000001"))
                .contains(QuarantineKeys.shardBucket("shardId-000000000001", key))
                .hasSize(QuarantineKeys.TABLE_BUCKETS);
        assertThat(QuarantineKeys.indexValues("INVALID_JSON")).hasSize(QuarantineKeys.INDEX_BUCKETS)
                .contains("INVALID_JSON#" + QuarantineKeys.indexBucket("shardId-000000000001", key));
    }
}
