package com.streamproc.tools.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Opens the AWS clients a command needs; the command closes them. */
public interface AwsConnections {
    KinesisClient kinesis();

    DynamoDbClient dynamoDb();

    /** The functions' on-failure queues. */
    SqsClient sqs();

    /** Invokes the functions (the failure replay). */
    LambdaClient lambda();

    /** The real thing: default credential and region chains, endpoints from the SDK's environment variables. */
    static AwsConnections standard() {
        return new AwsConnections() {
            @Override
            public KinesisClient kinesis() {
                return ToolClients.kinesis();
            }

            @Override
            public DynamoDbClient dynamoDb() {
                return ToolClients.dynamoDb();
            }

            @Override
            public SqsClient sqs() {
                return ToolClients.sqs();
            }

            @Override
            public LambdaClient lambda() {
                return ToolClients.lambda();
            }
        };
    }
}
