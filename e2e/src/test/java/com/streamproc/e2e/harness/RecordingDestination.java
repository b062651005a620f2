package com.streamproc.e2e.harness;

import com.streamproc.local.esm.DiscardedBatch;
import com.streamproc.local.esm.FailureDestination;
import java.util.ArrayList;
import java.util.List;

/** The on-failure destination of a mapping, kept in memory: with enough retries it must stay empty. */
public final class RecordingDestination implements FailureDestination {
    private final List<DiscardedBatch> received = new ArrayList<>();

    @Override
    public synchronized void send(DiscardedBatch discarded) {
        received.add(discarded);
    }

    public synchronized List<DiscardedBatch> received() {
        return List.copyOf(received);
    }
}
