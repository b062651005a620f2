package com.streamproc.local.esm;

/** Invokes the function synchronously with one batch, the way an event source mapping does. */
@FunctionalInterface
public interface FunctionInvoker {
    /**
     * @param requestId the invocation's request id (Lambda-Runtime-Aws-Request-Id)
     * @return the outcome; never throws for a function failure (that is a {@link InvocationOutcome.FunctionError})
     */
    InvocationOutcome invoke(String requestId, KinesisBatch batch);
}
