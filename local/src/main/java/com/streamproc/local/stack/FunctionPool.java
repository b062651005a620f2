package com.streamproc.local.stack;

import com.streamproc.local.esm.FunctionInvoker;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import com.streamproc.local.runtime.ExecutionEnvironment;
import com.streamproc.local.runtime.FunctionDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A function's execution environments: an invocation takes an idle one, or starts a new one (a cold start) while
 * fewer than {@code maxEnvironments} exist, or waits. Like Lambda, each environment runs one invocation at a time.
 */
public final class FunctionPool implements FunctionInvoker, AutoCloseable {
    private final FunctionDefinition function;
    private final ExecutionEnvironment.Settings settings;
    private final int maxEnvironments;
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private boolean closed;

    public FunctionPool(FunctionDefinition function, ExecutionEnvironment.Settings settings, int maxEnvironments) {
        this.function = function;
        this.settings = settings;
        this.maxEnvironments = Math.max(1, maxEnvironments);
    }

    public FunctionDefinition function() {
        return function;
    }

    /** Cold starts so far, over all environments. */
    public synchronized int coldStarts() {
        return all.stream().mapToInt(ExecutionEnvironment::starts).sum();
    }

    /** Invokes with a raw event (the {@code invoke} command). */
    public ExecutionEnvironment.Result invoke(String requestId, byte[] event) throws InterruptedException {
        ExecutionEnvironment environment = acquire();
        try {
            return environment.invoke(requestId, event);
        } finally {
            release(environment);
        }
    }

    @Override
    public InvocationOutcome invoke(String requestId, KinesisBatch batch) {
        try {
            ExecutionEnvironment.Result result = invoke(requestId, batch.toLambdaJson());
            return result.functionError()
                    ? new InvocationOutcome.FunctionError(result.errorType(), result.payloadText())
                    : InvocationOutcome.returned(result.payloadText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationOutcome.error("Runtime.Interrupted", "the local stack is shutting down");
        } catch (RuntimeException e) {
            // Could not even start the environment (missing zip, ...): a failed invocation, as on Lambda.
            return InvocationOutcome.error("Runtime.Unknown", String.valueOf(e.getMessage()));
        }
    }

    private synchronized ExecutionEnvironment acquire() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new IllegalStateException(function.logicalId() + " is shut down");
            }
            if (!idle.isEmpty()) {
                return idle.pop();
            }
            if (all.size() < maxEnvironments) {
                ExecutionEnvironment environment = new ExecutionEnvironment(function, settings,
                        function.logicalId() + "-" + (all.size() + 1));
                all.add(environment);
                return environment;
            }
            wait();
        }
    }

    private synchronized void release(ExecutionEnvironment environment) {
        idle.push(environment);
        notifyAll();
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> environments;
        synchronized (this) {
            closed = true;
            environments = List.copyOf(all);
            notifyAll();
        }
        environments.forEach(ExecutionEnvironment::close);
    }
}
