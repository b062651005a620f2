package com.streamproc.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

class SendFailuresTest {

    private static KinesisException service(String code, int status) {
        return (KinesisException) KinesisException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .statusCode(status).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ProvisionedThroughputExceededException", "InternalFailure", "KMSThrottlingException"})
    void entryErrorsOfLoadAreTransient(String code) {
        assertThat(SendFailures.isTransientEntryError(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException",
            "KMSNotFoundException", "KMSOptInRequired", "ValidationException", "SomethingNew"})
    void otherEntryErrorsArePermanent(String code) {
        assertThat(SendFailures.isTransientEntryError(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ValidationException", "InvalidArgumentException", "ResourceNotFoundException",
            "AccessDeniedException", "KMSAccessDeniedException", "KMSNotFoundException"})
    void refusalsOfTheServiceArePermanent(String code) {
        assertThat(SendFailures.isTransient(service(code, 400))).isFalse();
    }

    @Test
    void throttlingServerErrorsAndTimeoutsAreTransient() {
        assertThat(SendFailures.isTransient(service("ProvisionedThroughputExceededException", 400))).isTrue();
        assertThat(SendFailures.isTransient(service("LimitExceededException", 400))).isTrue();
        assertThat(SendFailures.isTransient(service("ServiceUnavailable", 503))).isTrue();
        assertThat(SendFailures.isTransient(service("Unknown", 500))).isTrue();
        assertThat(SendFailures.isTransient(ApiCallAttemptTimeoutException.create(Duration.ofSeconds(1).toMillis())))
                .isTrue();
    }

    @Test
    void networkFailuresUnderAnSdkClientExceptionAreTransient() {
        assertThat(SendFailures.isTransient(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(SendFailures.isTransient(SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(SendFailures.isTransient(new UncheckedIOException(new java.io.IOException("reset")))).isTrue();
    }

    @Test
    void marshallingErrorIsPermanentThoughJacksonsCauseIsAnIoException() {
        SdkClientException marshalling = RealSdkFailures.marshalling();

        assertThat(marshalling).hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(com.streamproc.shared.retry.FailureCause.of(marshalling).kind())
                .isEqualTo(com.streamproc.shared.retry.FailureKind.DETERMINISTIC);
        assertThat(SendFailures.isTransient(marshalling)).isFalse();
    }

    @Test
    void clientErrorWithoutANetworkCauseIsPermanent() {
        assertThat(SendFailures.isTransient(SdkClientException.create("Unable to load region"))).isFalse();
    }
}
