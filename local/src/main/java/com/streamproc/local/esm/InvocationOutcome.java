package com.streamproc.local.esm;

import java.util.Objects;

/** What one invocation of the function returned, as the event source mapping sees it. */
public sealed interface InvocationOutcome {

    /** The function returned normally; {@code payload} is its response JSON (may be {@code null} or empty). */
    record Returned(String payload) implements InvocationOutcome {
    }

    /**
     * The invocation failed: the handler threw, the runtime crashed or failed to initialise, or it timed out.
     *
     * @param errorType e.g. {@code java.lang.IllegalStateException}, {@code Sandbox.Timedout}, {@code Runtime.ExitError}
     * @param payload   Lambda's error document ({@code errorMessage}, {@code errorType}, {@code stackTrace})
     */
    record FunctionError(String errorType, String payload) implements InvocationOutcome {
        public FunctionError {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(payload, "payload");
        }
    }

    static InvocationOutcome returned(String payload) {
        return new Returned(payload);
    }

    static InvocationOutcome error(String errorType, String message) {
        return new FunctionError(errorType, "{\"errorMessage\":" + quote(message) + ",\"errorType\":"
                + quote(errorType) + "}");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
