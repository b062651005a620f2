package com.streamproc.e2e.harness;

import com.streamproc.local.esm.BatchResponse;
import com.streamproc.local.esm.FunctionInvoker;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Invokes a function in this JVM the way the Lambda service does for an event source mapping: the batch as Lambda's
 * JSON, deserialized by the runtime's serializer, on an idle execution environment of the pool, with the faults
 * planned for this invocation. A batch that succeeded is sometimes delivered once more whole, as after a lost
 * checkpoint; the mapping then acts on the second delivery's outcome.
 */
public final class InProcessInvoker implements FunctionInvoker {
    private final EnvironmentPool pool;
    private final FaultSchedule schedule;
    private final FaultCounts counts;
    private final List<String> unexpected = new ArrayList<>();

    public InProcessInvoker(EnvironmentPool pool, FaultSchedule schedule, FaultCounts counts) {
        this.pool = pool;
        this.schedule = schedule;
        this.counts = counts;
    }

    @Override
    public InvocationOutcome invoke(String requestId, KinesisBatch batch) {
        byte[] payload = batch.toLambdaJson();
        FaultPlan plan = schedule.next();
        InvocationOutcome outcome = once(payload, plan);
        if (plan.redeliver() && outcome instanceof InvocationOutcome.Returned returned
                && BatchResponse.interpret(returned.payload(), batch.records(), true)
                        instanceof BatchResponse.AllSucceeded) {
            counts.add(FaultKind.REDELIVERED);
            outcome = once(payload, schedule.next().withoutRedelivery());
        }
        return outcome;
    }

    private InvocationOutcome once(byte[] payload, FaultPlan plan) {
        HandlerInstance instance = pool.acquire();
        try {
            return instance.invoke(payload, plan, counts, this::unexpected);
        } finally {
            pool.release(instance);
        }
    }

    private void unexpected(String problem) {
        synchronized (unexpected) {
            unexpected.add(problem);
        }
    }

    /** Function errors that no injected fault explains (a handler that threw, a timeout without a hang). */
    public List<String> unexpectedErrors() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }
}
