package com.streamproc.local.esm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An on-failure destination that keeps what it was sent. */
final class RecordingDestination implements FailureDestination {
    final List<DiscardedBatch> sent = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(DiscardedBatch discarded) {
        sent.add(discarded);
    }

    List<Integer> discardedIndexes() {
        List<Integer> all = new ArrayList<>();
        synchronized (sent) {
            sent.forEach(batch -> all.addAll(TestRecords.indexes(batch.records())));
        }
        return all;
    }
}
