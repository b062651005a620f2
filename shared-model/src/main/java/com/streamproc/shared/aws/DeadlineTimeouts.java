package com.streamproc.shared.aws;

import com.streamproc.shared.batch.Deadline;
import com.streamproc.shared.retry.CallDeadline;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Bounds each SDK call's timeouts by the invocation's deadline ({@link CallDeadline}): a call made with 300 ms
 * left gives up after 300 ms instead of the client's usual limits, so the handler answers Lambda within its
 * safety margin even when DynamoDB is slow. Calls made outside a deadline keep the client's limits.
 */
public final class DeadlineTimeouts implements ExecutionInterceptor {
    /** The shortest timeout given to a call: the SDK refuses zero. */
    static final Duration MINIMUM = Duration.ofMillis(1);

    private final Duration attemptTimeout;
    private final Duration callTimeout;

    /**
     * @param attemptTimeout the client's own per-attempt limit
     * @param callTimeout    the client's own per-call limit
     */
    public DeadlineTimeouts(Duration attemptTimeout, Duration callTimeout) {
        this.attemptTimeout = attemptTimeout;
        this.callTimeout = callTimeout;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Deadline deadline = CallDeadline.current().orElse(null);
        if (deadline == null || !(request instanceof AwsRequest awsRequest)) {
            return request;
        }
        Duration remaining = deadline.remaining();
        Duration attempt = atLeastMinimum(min(attemptTimeout, remaining));
        Duration call = atLeastMinimum(min(callTimeout, remaining));
        AwsRequestOverrideConfiguration.Builder override = awsRequest.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder);
        return awsRequest.toBuilder()
                .overrideConfiguration(override.apiCallAttemptTimeout(attempt).apiCallTimeout(call).build())
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration atLeastMinimum(Duration d) {
        return d.compareTo(MINIMUM) < 0 ? MINIMUM : d;
    }
}
