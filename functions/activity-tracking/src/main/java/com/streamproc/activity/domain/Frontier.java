package com.streamproc.activity.domain;

import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The earliest record (per shard) that a batch could not apply so far. Later phases take only records below it,
 * so no high-water mark ever passes a record that was not counted in that item. It only moves down.
 */
final class Frontier {
    private final Map<String, BigInteger> stopByShard = new HashMap<>();

    void stopAt(RecordRef ref) {
        stopByShard.merge(ref.shardId(), ref.sequence(), BigInteger::min);
    }

    boolean admits(RecordRef ref) {
        if (stopByShard.isEmpty()) {
            return true;
        }
        BigInteger stop = stopByShard.get(ref.shardId());
        return stop == null || ref.sequence().compareTo(stop) < 0;
    }

    <E> List<InboundRecord<E>> admitted(List<InboundRecord<E>> records) {
        return records.stream().filter(record -> admits(record.ref())).toList();
    }
}
