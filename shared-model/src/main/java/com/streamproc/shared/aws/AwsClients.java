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
 *   <li>Endpoint: never hard-coded; the SDK's standard {@code AWS_ENDPOINT_URL} and
 *       {@code AWS_ENDPOINT_URL_DYNAMODB} variables point it at a local emulator.</li>
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

    private AwsClients() {
    }

    /** A DynamoDB client configured as described above. */
    public static DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
        return dynamoDb(null, interceptors);
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
