package com.streamproc.shared.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * A Lambda {@link Context} whose remaining time follows a test's nano clock: the one fake context of the tests and
 * of the in-process benchmark runs.
 */
public final class FakeLambdaContext implements Context {
    private final String functionName;
    private final LongSupplier nanoClock;
    private final long deadlineNanos;

    public FakeLambdaContext(String functionName, long remainingMillis, LongSupplier nanoClock) {
        this.functionName = functionName;
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + remainingMillis * 1_000_000L;
    }

    /** Lambda's longest timeout, 15 minutes: even a 10,000-record batch at 10 ms a request fits. */
    public static final int LONGEST_TIMEOUT_MILLIS = 900_000;

    /**
     * A context whose remaining time never runs down: {@link #LONGEST_TIMEOUT_MILLIS} at every call, so no batch
     * of an in-process run (benchmarks) is cut by its deadline however long the run.
     */
    public static FakeLambdaContext unhurried(String functionName) {
        return new FakeLambdaContext(functionName, LONGEST_TIMEOUT_MILLIS, () -> 0L);
    }

    /** A context with plenty of time on the system clock. */
    public static FakeLambdaContext withTime(long remainingMillis) {
        return new FakeLambdaContext("test-function", remainingMillis, System::nanoTime);
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-0000-0000-000000000000";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long left = (deadlineNanos - nanoClock.getAsLong()) / 1_000_000L;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
