package com.streamproc.tools.cli;

import com.streamproc.tools.aws.AwsConnections;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Clients for given endpoints with static credentials, configured like the tools' own ({@code ToolClients}): no
 * SDK retries on Kinesis. For tests against the emulators or an address where nothing listens.
 */
public final class EndpointConnections implements AwsConnections {
    private final URI kinesisEndpoint;
    private final URI dynamoDbEndpoint;
    private final List<ExecutionInterceptor> kinesisInterceptors;
    private final URI lambdaEndpoint;

    public EndpointConnections(URI kinesisEndpoint, URI dynamoDbEndpoint, ExecutionInterceptor... kinesisInterceptors) {
        this(kinesisEndpoint, dynamoDbEndpoint, null, kinesisInterceptors);
    }

    private EndpointConnections(URI kinesisEndpoint, URI dynamoDbEndpoint, URI lambdaEndpoint,
                                ExecutionInterceptor... kinesisInterceptors) {
        this.kinesisEndpoint = kinesisEndpoint;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.lambdaEndpoint = lambdaEndpoint;
        this.kinesisInterceptors = List.of(kinesisInterceptors);
    }

    /** The same, with the Lambda Invoke endpoint of a local stack. */
    public EndpointConnections withLambda(URI endpoint) {
        return new EndpointConnections(kinesisEndpoint, dynamoDbEndpoint, endpoint,
                kinesisInterceptors.toArray(ExecutionInterceptor[]::new));
    }

    @Override
    public SqsClient sqs() {
        throw new UnsupportedOperationException("the emulators have no SQS; the local stack writes failure files");
    }

    @Override
    public LambdaClient lambda() {
        if (lambdaEndpoint == null) {
            throw new IllegalStateException("no Lambda endpoint given");
        }
        return LambdaClient.builder()
                .endpointOverride(lambdaEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofMinutes(3)).build())
                .overrideConfiguration(b -> b.apiCallTimeout(Duration.ofMinutes(3)).retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    @Override
    public KinesisClient kinesis() {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(30))
                .retryStrategy(b -> b.maxAttempts(1));
        kinesisInterceptors.forEach(override::addExecutionInterceptor);
        return KinesisClient.builder()
                .endpointOverride(kinesisEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
                .overrideConfiguration(override.build())
                .build();
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
                .overrideConfiguration(b -> b.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
