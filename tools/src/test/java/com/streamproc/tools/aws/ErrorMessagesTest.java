package com.streamproc.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class ErrorMessagesTest {

    @Test
    void serviceErrorIsItsCodeAndMessageWithoutTheSdksSuffix() {
        ResourceNotFoundException missing = (ResourceNotFoundException) ResourceNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                        .errorMessage("Requested resource not found").build())
                .message("Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: x)")
                .statusCode(400).build();

        assertThat(ErrorMessages.describe(missing, Map.of()))
                .isEqualTo("DynamoDB: ResourceNotFoundException: Requested resource not found");
    }

    @Test
    void refusedConnectionNamesTheServiceAndTheEndpointVariable() {
        SdkClientException refused = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build();
        // Thrown from inside a DynamoDB client call, as the SDK does.
        refused.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient", "query", "x.java", 1)});

        assertThat(ErrorMessages.describe(refused, Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")))
                .isEqualTo("cannot reach DynamoDB: Connection refused "
                        + "(endpoint: AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000)");
    }

    @Test
    void missingRegionAndCredentialsGetAHintInsteadOfTheProviderChainDump() {
        SdkClientException region = SdkClientException.create("Unable to load region from any of the providers in "
                + "the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1: [...]\nmore");
        SdkClientException credentials = SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...])");

        assertThat(ErrorMessages.describe(region, Map.of())).isEqualTo(
                "no AWS region configured: set AWS_REGION (or AWS_PROFILE with a region)");
        assertThat(ErrorMessages.describe(credentials, Map.of())).startsWith("no AWS credentials found");
    }

    @Test
    void otherFailuresKeepTheirFirstLine() {
        assertThat(ErrorMessages.describe(new IllegalStateException("first\nsecond"), Map.of())).isEqualTo("first");
        assertThat(ErrorMessages.describe(new NullPointerException(), Map.of())).isEqualTo("NullPointerException");
    }
}
