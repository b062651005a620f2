package com.streamproc.tools.failures;

/** Invokes a function synchronously with an event; Lambda's {@code Invoke} in AWS and on the local stack. */
@FunctionalInterface
public interface FunctionInvoker {

    /** What one invocation gave. */
    sealed interface Outcome {
        /** The function returned {@code payload} (its JSON response, may be empty). */
        record Returned(String payload) implements Outcome {
        }

        /** The invocation failed ({@code X-Amz-Function-Error}); {@code payload} is Lambda's error document. */
        record Failed(String error, String payload) implements Outcome {
        }
    }

    Outcome invoke(byte[] event);
}
