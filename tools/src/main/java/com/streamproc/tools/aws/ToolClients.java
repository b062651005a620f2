package com.streamproc.tools.aws;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tools' AWS clients. Credentials and region come from the SDK's default chains ({@code AWS_PROFILE},
 * {@code AWS_REGION}, ...); the endpoint from the SDK's own {@code AWS_ENDPOINT_URL_KINESIS} /
 * {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL_LAMBDA} variables, which is
 * how the local stack is reached. Only the JDK's URL
 * connection HTTP client is on the class path.
 */
public final class ToolClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INVOKE_TIMEOUT = Duration.ofMinutes(16);

    private ToolClients() {
    }

    /**
     * A Kinesis client whose SDK retries are off: the producer and redrive retry themselves, entry by entry, so a
     * record that Kinesis already stored is never sent again.
     */
    public static KinesisClient kinesis(ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT);
        override.retryStrategy(b -> b.maxAttempts(1));
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        return KinesisClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(override.build())
                .build();
    }

    /** A DynamoDB client with the SDK's standard retries (reads and single-item deletes are safe to repeat). */
    public static DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT);
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .overrideConfiguration(override.build())
                .build();
    }

    /** An SQS client with the SDK's standard retries (receive, change visibility and delete are safe to repeat). */
    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClient(httpClient(ATTEMPT_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .build())
                .build();
    }

    /**
     * A Lambda client for synchronous invocations: no SDK retries (the replay retries itself from the first record
     * the function reported) and timeouts above the longest function timeout Lambda allows (15 minutes).
     */
    public static LambdaClient lambda() {
        return LambdaClient.builder()
                .httpClient(httpClient(INVOKE_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallAttemptTimeout(INVOKE_TIMEOUT)
                        .apiCallTimeout(INVOKE_TIMEOUT)
                        .build())
                .build();
    }

    private static SdkHttpClient httpClient() {
        return httpClient(ATTEMPT_TIMEOUT);
    }

    private static SdkHttpClient httpClient(Duration socketTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(socketTimeout)
                .build();
    }
}
