package com.streamproc.emulators;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds SDK v2 clients for the local emulators: URLConnection HTTP client, static "local" credentials. */
public final class AwsClients {

    /** Region every emulator runs in. */
    public static final Region REGION = Region.US_EAST_1;
    /** Account id kinesis-mock namespaces streams under (its default, set explicitly). */
    public static final String ACCOUNT_ID = "000000000000";
    /** Access key id and secret of the static credentials; the emulators accept any. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private AwsClients() {
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Kinesis client for {@code endpoint}; closing it closes its HTTP client too. */
    public static KinesisClient kinesis(URI endpoint) {
        return kinesis(endpoint, overrides());
    }

    static KinesisClient kinesis(URI endpoint, ClientOverrideConfiguration overrides) {
        return build(KinesisClient.builder(), endpoint, overrides);
    }

    /** DynamoDB client for {@code endpoint}; closing it closes its HTTP client too. */
    public static DynamoDbClient dynamoDb(URI endpoint) {
        return dynamoDb(endpoint, overrides());
    }

    static DynamoDbClient dynamoDb(URI endpoint, ClientOverrideConfiguration overrides) {
        return build(DynamoDbClient.builder(), endpoint, overrides);
    }

    /** Any service's client for an emulator at {@code endpoint}: region, static credentials, URLConnection. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint,
            ClientOverrideConfiguration overrides) {
        return builder
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(overrides)
                .build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** For health checks: one quick attempt, no retries. */
    static ClientOverrideConfiguration probeOverrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(2))
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build();
    }
}
