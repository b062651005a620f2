package com.streamproc.e2e.harness;

import com.streamproc.local.esm.FunctionInvoker;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import com.streamproc.local.esm.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An outage long enough for Lambda to give up: the first records of the first batch of one shard time out every
 * invocation they are in (DynamoDB unreachable until the function's timeout), until the mapping gave up on them or
 * each failed {@code failuresUntilOver} times; everything else goes to the function. The mapping retries them with its
 * template settings: one whose {@code MaximumRetryAttempts} is finite and below {@code failuresUntilOver} gives up,
 * one with -1 retries until the outage is over.
 */
public final class GiveUpOutage implements FunctionInvoker {
    /** Records of the first batch that the outage holds back. */
    static final int TARGETS = 5;

    private final FunctionInvoker function;
    private final RecordingDestination destination;
    private final int failuresUntilOver;
    private final FaultCounts counts;
    private final String shardId;
    private final Map<String, Integer> failures = new HashMap<>();
    private final List<StreamRecord> targets = new ArrayList<>();

    /**
     * @param shardId           the shard whose first batch the outage meets
     * @param failuresUntilOver failed invocations per record after which the outage is over for it
     */
    public GiveUpOutage(FunctionInvoker function, RecordingDestination destination, String shardId,
                        int failuresUntilOver, FaultCounts counts) {
        this.function = function;
        this.destination = destination;
        this.shardId = shardId;
        this.failuresUntilOver = failuresUntilOver;
        this.counts = counts;
    }

    @Override
    public InvocationOutcome invoke(String requestId, KinesisBatch batch) {
        synchronized (this) {
            if (targets.isEmpty() && batch.shardId().equals(shardId)) {
                targets.addAll(batch.records().subList(0, Math.min(TARGETS, batch.size())));
            }
            List<String> held = batch.records().stream().map(StreamRecord::sequenceNumber)
                    .filter(this::held).toList();
            if (!held.isEmpty()) {
                held.forEach(sequence -> failures.merge(sequence, 1, Integer::sum));
                counts.add(FaultKind.GIVE_UP_OUTAGE);
                return InvocationOutcome.error("Sandbox.Timedout", "Task timed out: DynamoDB unreachable");
            }
        }
        return function.invoke(requestId, batch);
    }

    private boolean held(String sequenceNumber) {
        boolean target = targets.stream().anyMatch(r -> r.sequenceNumber().equals(sequenceNumber));
        boolean givenUp = destination.received().stream().flatMap(d -> d.records().stream())
                .anyMatch(r -> r.sequenceNumber().equals(sequenceNumber));
        return target && !givenUp && failures.getOrDefault(sequenceNumber, 0) < failuresUntilOver;
    }

    /** The shard whose first records it holds back. */
    public String shardId() {
        return shardId;
    }

    /** The records the outage held back, in shard order. */
    public synchronized List<StreamRecord> targets() {
        return List.copyOf(targets);
    }

    /** The most invocations one held-back record failed in. */
    public synchronized int mostFailures() {
        return failures.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
