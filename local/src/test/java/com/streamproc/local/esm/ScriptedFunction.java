package com.streamproc.local.esm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A function whose answer to each batch a test scripts; remembers every batch it was invoked with. */
final class ScriptedFunction implements FunctionInvoker {
    final List<KinesisBatch> invocations = Collections.synchronizedList(new ArrayList<>());
    final List<String> requestIds = Collections.synchronizedList(new ArrayList<>());
    private final Function<KinesisBatch, InvocationOutcome> script;

    ScriptedFunction(Function<KinesisBatch, InvocationOutcome> script) {
        this.script = script;
    }

    static ScriptedFunction alwaysSucceeds() {
        return new ScriptedFunction(batch -> InvocationOutcome.returned("{\"batchItemFailures\":[]}"));
    }

    @Override
    public InvocationOutcome invoke(String requestId, KinesisBatch batch) {
        invocations.add(batch);
        requestIds.add(requestId);
        return script.apply(batch);
    }

    List<List<Integer>> invokedIndexes() {
        synchronized (invocations) {
            return invocations.stream().map(batch -> TestRecords.indexes(batch.records())).toList();
        }
    }

    static InvocationOutcome thrown() {
        return InvocationOutcome.error("java.lang.IllegalStateException", "boom");
    }
}
