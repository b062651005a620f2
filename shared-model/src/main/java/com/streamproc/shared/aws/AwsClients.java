package com.streamproc.shared.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the AWS clients of an execution environment, once.
 *
 * <ul>
 *   <li>HTTP: the JDK's {@code HttpURLConnection} client: no Netty or Apache client in the artifact, fast to start.</li>
 *   <li>Region and credentials: the SDK's default chains ({@code AWS_REGION} and the execution role on Lambda).</li>
 *   <li>Endpoint: never hard-coded. {@value #ENDPOINT_VARIABLE}, when set and not blank, points the client at a
 *       local emulator (the template declares it empty, so that {@code sam local invoke --env-vars} can set it);
 *       otherwise the SDK's standard {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL} variables, and
 *       without those the region's endpoint.</li>
 *   <li>Retries: the SDK's own retries are off; {@link com.streamproc.shared.retry.TransientRetry} owns
 *       retrying, so that it can respect the batch deadline. Per-attempt and per-call timeouts stop a hung call
 *       from eating the invocation, and are cut to the time left before the deadline ({@link DeadlineTimeouts}).</li>
 *   <li>Failures name the operation and table they came from ({@link CallSiteTagging}).</li>
 * </ul>
 */
public final class AwsClients {
    /** One attempt's time limit: DynamoDB answers in milliseconds; anything slower is retried. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The functions' own endpoint variable. The SDK's {@code AWS_ENDPOINT_URL_DYNAMODB} cannot be declared in the
     * template with an empty value: the SDK rejects an empty endpoint, and Lambda would pass one.
     */
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT_URL";

    private AwsClients() {
    }

    /** A DynamoDB client configured as described above. */
    public static DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
        return dynamoDb(endpointFrom(System.getenv("DYNAMODB_ENDPOINT_URL")), interceptors);
    }

    /**
     * The endpoint a {@value #ENDPOINT_VARIABLE} value names, or {@code null} (the SDK's own resolution) when it is
     * unset or blank.
     *
     * @throws IllegalStateException naming the variable when the value is not an absolute http(s) URL
     */
    public static URI endpointFrom(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI endpoint = URI.create(value.trim());
            if (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    && endpoint.getHost() != null) {
                return endpoint;
            }
        } catch (IllegalArgumentException notAUri) {
            // reported below
        }
        throw new IllegalStateException("environment variable " + ENDPOINT_VARIABLE
                + " must be an http(s) URL such as http://host.docker.internal:8000, got: " + value);
    }

    /**
     * The same client with an explicit endpoint, for tests and tools that talk to a local emulator from inside one
     * JVM (where the environment variable cannot differ per client).
     *
     * @param endpoint the endpoint, or {@code null} for the SDK's default resolution
     */
    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                // Every call gives up by the invocation's deadline, and a failure names its operation and table.
                .addExecutionInterceptor(new DeadlineTimeouts(ATTEMPT_TIMEOUT, CALL_TIMEOUT))
                .addExecutionInterceptor(new CallSiteTagging());
        override.retryStrategy(b -> b.maxAttempts(1));
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(override.build())
                .build();
    }
}
