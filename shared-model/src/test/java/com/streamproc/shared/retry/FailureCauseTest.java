package com.streamproc.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.DateTimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class FailureCauseTest {
    private static DynamoDbException serviceError(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder().message("message with a value: secret-42")
                .statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @ParameterizedTest(name = "{1} ({0}) is {2}")
    @CsvSource({
        "400, ProvisionedThroughputExceededException, TRANSIENT",
        "400, ThrottlingException, TRANSIENT",
        "400, RequestLimitExceeded, TRANSIENT",
        "500, InternalServerError, TRANSIENT",
        "503, ServiceUnavailable, TRANSIENT",
        "400, ResourceNotFoundException, CONFIGURATION",
        "400, AccessDeniedException, CONFIGURATION",
        "400, UnrecognizedClientException, CONFIGURATION",
        "400, KMSDisabledException, CONFIGURATION",
        "400, ValidationException, DETERMINISTIC",
        "400, ConditionalCheckFailedException, DETERMINISTIC",
        "400, ItemCollectionSizeLimitExceededException, DETERMINISTIC",
        "400, SerializationException, DETERMINISTIC"
    })
    void classifiesAwsServiceErrorsByStatusAndCode(int status, String code, FailureKind expected) {
        FailureCause cause = FailureCause.of(serviceError(status, code));

        assertThat(cause.kind()).isEqualTo(expected);
        assertThat(cause.errorCode()).isEqualTo(code);
    }

    @Test
    void timeoutsConnectionErrorsAndInjectedOutagesAreTransient() {
        assertThat(FailureCause.of(ApiCallAttemptTimeoutException.create(2000)).kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureCause.of(SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out"))).kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureCause.of(new UncheckedIOException(new java.io.IOException("reset"))).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureCause.of(new DeadlineReachedException("late")).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anSdkClientErrorWithoutAnIoCauseIsDeterministicUnlessItIsAboutCredentials() {
        assertThat(FailureCause.of(SdkClientException.create("Unable to marshall request to JSON")).kind())
                .isEqualTo(FailureKind.DETERMINISTIC);
        assertThat(FailureCause.of(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain")).kind())
                .isEqualTo(FailureKind.CONFIGURATION);
    }

    @Test
    void aRequestTheSdkCannotMarshalIsDeterministicThoughItsWriterThrowsAnIoException() {
        // The chain the SDK builds when its JSON/CBOR writer refuses a value (an unpaired surrogate, say).
        Throwable writer = new software.amazon.awssdk.thirdparty.jackson.core.JsonGenerationException(
                "Incomplete surrogate pair", (software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator) null);
        Throwable failure = SdkClientException.create("Unable to marshall request to JSON",
                new software.amazon.awssdk.protocols.json.SdkJsonGenerator.JsonGenerationException(writer));

        assertThat(writer).isInstanceOf(java.io.IOException.class);
        assertThat(FailureCause.of(failure).kind()).isEqualTo(FailureKind.DETERMINISTIC);
        assertThat(FailureCause.of(writer).kind()).isEqualTo(FailureKind.DETERMINISTIC);
    }

    @Test
    void domainExceptionsAndBugsAreDeterministic() {
        assertThat(FailureCause.of(new DateTimeException("Invalid value for Year")).kind())
                .isEqualTo(FailureKind.DETERMINISTIC);
        assertThat(FailureCause.of(new NullPointerException()).kind()).isEqualTo(FailureKind.DETERMINISTIC);
        assertThat(FailureKind.DETERMINISTIC.stopsKey()).isFalse();
        assertThat(FailureKind.CONFIGURATION.stopsKey()).isTrue();
    }

    @Test
    void describesTheCallSiteWithoutTheMessage() {
        DynamoDbException failure = serviceError(400, "ValidationException");
        failure.addSuppressed(new SdkCallSite("BatchGetItem", "activity-dev"));

        FailureCause cause = FailureCause.of(new RuntimeException("wrapped", failure));

        assertThat(cause.operation()).isEqualTo("BatchGetItem");
        assertThat(cause.table()).isEqualTo("activity-dev");
        assertThat(cause.describe()).isEqualTo("DynamoDbException [ValidationException] on BatchGetItem activity-dev")
                .doesNotContain("secret-42");
    }
}
