package com.streamproc.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.batch.Deadline;
import com.streamproc.shared.testing.ManualNanoClock;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class TransientRetryTest {
    private final RetryPolicy fast = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2));

    private static AwsServiceException serviceError(int status, String code) {
        return DynamoDbException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void retriesThrottlingUntilTheCallSucceeds() {
        TransientRetry retry = new TransientRetry(fast, Deadline.none());
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw serviceError(400, "ProvisionedThroughputExceededException");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(retry.retries()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        TransientRetry retry = new TransientRetry(fast, Deadline.none());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw serviceError(503, "ServiceUnavailable");
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void neverRetriesConditionalCheckOrValidationFailures() {
        TransientRetry retry = new TransientRetry(fast, Deadline.none());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw ConditionalCheckFailedException.builder().statusCode(400).message("no").build();
        })).isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw serviceError(400, "ValidationException");
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void stopsRetryingWhenTheDeadlineHasPassed() {
        ManualNanoClock clock = new ManualNanoClock();
        Deadline deadline = Deadline.of(Duration.ofSeconds(10), Duration.ofSeconds(1), clock);
        TransientRetry retry = new TransientRetry(fast, deadline);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            clock.advance(Duration.ofSeconds(10));
            throw serviceError(500, "InternalServerError");
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void classifiesFailures() {
        assertThat(TransientFailures.isTransient(serviceError(400, "ThrottlingException"))).isTrue();
        assertThat(TransientFailures.isTransient(serviceError(500, "InternalServerError"))).isTrue();
        assertThat(TransientFailures.isTransient(SdkClientException.create("Unable to execute HTTP request",
                new java.net.SocketException("Connection reset")))).isTrue();
        assertThat(TransientFailures.isTransient(new UncheckedIOException(new SocketTimeoutException()))).isTrue();
        assertThat(TransientFailures.isTransient(serviceError(400, "ValidationException"))).isFalse();
        assertThat(TransientFailures.isTransient(serviceError(400, "ConditionalCheckFailedException"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bug"))).isFalse();
    }

    @Test
    void backoffCapsGrowExponentiallyUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2));

        assertThat(policy.capFor(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.capFor(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.capFor(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.capFor(30)).isEqualTo(Duration.ofSeconds(2));
    }
}
