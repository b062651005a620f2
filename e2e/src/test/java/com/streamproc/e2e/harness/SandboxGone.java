package com.streamproc.e2e.harness;

/**
 * Thrown into every DynamoDB call of an invocation whose process has died or been frozen at its timeout: from then
 * on nothing of that invocation reaches DynamoDB. An {@link Error}, like the crash it stands for, so no
 * {@code catch (RuntimeException)} in the function treats it as a record failure and carries on.
 */
public final class SandboxGone extends Error {
    public SandboxGone(String message) {
        super(message, null, false, false);
    }
}
