package com.streamproc.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.local.esm.StartingPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTemplateTest {

    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              EnvironmentName:
                Type: String
                Default: prod
              TtlDays:
                Type: Number
                Default: 30
            Globals:
              Function:
                Runtime: java21
                MemorySize: 1024
                Timeout: 60
                LoggingConfig:
                  LogFormat: JSON
                  ApplicationLogLevel: INFO
                Environment:
                  Variables:
                    QUARANTINE_TTL_DAYS: !Ref TtlDays
                    SHARED: global
            Resources:
              OrdersStream:
                Type: AWS::Kinesis::Stream
                Properties:
                  Name: !Sub ${EnvironmentName}-orders
                  ShardCount: 2
              OrdersTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub ${EnvironmentName}-orders
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: orderId, AttributeType: S}]
                  KeySchema: [{AttributeName: orderId, KeyType: HASH}]
              FailureQueue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub ${EnvironmentName}-failures
              OrderFunction:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${EnvironmentName}-order-processing
                  CodeUri: functions/order-processing/target/order-processing-lambda.zip
                  Handler: com.example.OrderHandler::handleRequest
                  Timeout: 30
                  LoggingConfig:
                    LogGroup: !Sub /aws/lambda/${EnvironmentName}-order-processing
                  Environment:
                    Variables:
                      ORDERS_TABLE: !Ref OrdersTable
                      SHARED: own
                      QUEUE_ARN: !GetAtt FailureQueue.Arn
                  Events:
                    Records:
                      Type: Kinesis
                      Properties:
                        Stream: !GetAtt OrdersStream.Arn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 50
                        MaximumBatchingWindowInSeconds: 2
                        ParallelizationFactor: 4
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        BisectBatchOnFunctionError: true
                        MaximumRetryAttempts: 10
                        MaximumRecordAgeInSeconds: 3600
                        TumblingWindowInSeconds: 60
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"data": {"type": ["ORDER_PLACED"]}}'
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt FailureQueue.Arn
            """;

    @TempDir
    Path directory;

    private LocalTemplate read() throws Exception {
        Path file = directory.resolve("sam-template.yaml");
        Files.writeString(file, TEMPLATE);
        return LocalTemplate.read(file);
    }

    @Test
    void aFunctionGetsGlobalsMergedWithItsOwnPropertiesResolvedToLocalNames() throws Exception {
        LocalTemplate.LocalFunction function = read().function("OrderFunction");

        var definition = function.definition();
        assertThat(definition.functionName()).isEqualTo("local-order-processing");
        assertThat(definition.handler()).isEqualTo("com.example.OrderHandler::handleRequest");
        assertThat(definition.codeZip()).isEqualTo(directory.resolve("functions/order-processing/target/order-processing-lambda.zip"));
        assertThat(definition.memoryMb()).isEqualTo(1024);
        assertThat(definition.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(definition.environment()).containsEntry("ORDERS_TABLE", "local-orders")
                .containsEntry("QUARANTINE_TTL_DAYS", "30")
                .containsEntry("SHARED", "own")
                .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:local-failures");
        assertThat(definition.logFormat()).isEqualTo("JSON");
        assertThat(definition.logLevel()).isEqualTo("INFO");
    }

    @Test
    void aKinesisEventBecomesTheMappingsSettings() throws Exception {
        LocalTemplate.KinesisSource source = read().function("OrderFunction").kinesisSources().get(0);

        assertThat(source.streamLogicalId()).isEqualTo("OrdersStream");
        assertThat(source.streamName()).isEqualTo("local-orders");
        assertThat(source.streamArn()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/local-orders");
        assertThat(source.destinationLogicalId()).isEqualTo("FailureQueue");
        assertThat(source.ignoredProperties()).containsExactly("TumblingWindowInSeconds");
        var settings = source.settings();
        assertThat(settings.batchSize()).isEqualTo(50);
        assertThat(settings.maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
        assertThat(settings.parallelizationFactor()).isEqualTo(4);
        assertThat(settings.reportBatchItemFailures()).isTrue();
        assertThat(settings.bisectBatchOnFunctionError()).isTrue();
        assertThat(settings.maximumRetryAttempts()).isEqualTo(10);
        assertThat(settings.maximumRecordAge()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:local-failures");
        assertThat(settings.filters()).hasSize(1);
    }

    @Test
    void anEventSourceMappingResourceOnTheFunctionsAliasIsAKinesisSourceOfThatFunction() throws Exception {
        Path file = directory.resolve("sam-template.yaml");
        Files.writeString(file, TEMPLATE.replaceAll("(?s)      Events:\n.*", "") + """
                  OrderMapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: !Ref OrderFunction.Alias
                      EventSourceArn: !GetAtt OrdersStream.Arn
                      StartingPosition: TRIM_HORIZON
                      BatchSize: 25
                      ParallelizationFactor: 2
                      FunctionResponseTypes: [ReportBatchItemFailures]
                      BisectBatchOnFunctionError: true
                      MaximumRetryAttempts: 7
                      MaximumRecordAgeInSeconds: 600
                      DestinationConfig:
                        OnFailure:
                          Destination: !GetAtt FailureQueue.Arn
                """);

        LocalTemplate.LocalFunction function = LocalTemplate.read(file).function("OrderFunction");

        assertThat(function.kinesisSources()).hasSize(1);
        LocalTemplate.KinesisSource source = function.kinesisSources().get(0);
        assertThat(source.eventName()).isEqualTo("OrderMapping");
        assertThat(source.streamLogicalId()).isEqualTo("OrdersStream");
        assertThat(source.streamName()).isEqualTo("local-orders");
        assertThat(source.destinationLogicalId()).isEqualTo("FailureQueue");
        assertThat(source.ignoredProperties()).isEmpty();
        assertThat(source.settings().batchSize()).isEqualTo(25);
        assertThat(source.settings().parallelizationFactor()).isEqualTo(2);
        assertThat(source.settings().startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
        assertThat(source.settings().reportBatchItemFailures()).isTrue();
        assertThat(source.settings().bisectBatchOnFunctionError()).isTrue();
        assertThat(source.settings().maximumRetryAttempts()).isEqualTo(7);
        assertThat(source.settings().maximumRecordAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(source.settings().onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:local-failures");
    }

    @Test
    void aMappingOfAFunctionTheTemplateDoesNotHaveIsRejected() throws Exception {
        Path file = directory.resolve("sam-template.yaml");
        Files.writeString(file, TEMPLATE + """
                  StrayMapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: !Ref NoSuchFunction.Alias
                      EventSourceArn: !GetAtt OrdersStream.Arn
                      StartingPosition: LATEST
                """);

        assertThatThrownBy(() -> LocalTemplate.read(file))
                .hasMessageContaining("StrayMapping.FunctionName must name a function of the template");
    }

    @Test
    void anUnknownFunctionIsNamedWithTheKnownOnes() throws Exception {
        LocalTemplate template = read();

        assertThatThrownBy(() -> template.function("Nope"))
                .hasMessageContaining("no function 'Nope'").hasMessageContaining("OrderFunction");
    }

    @Test
    void theProjectTemplateResolvesForEveryFunction() {
        Path projectTemplate = Path.of("..", "sam-template.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(projectTemplate),
                "no sam-template.yaml in the project root");

        LocalTemplate template = LocalTemplate.read(projectTemplate);

        assertThat(template.functions()).isNotEmpty();
        for (LocalTemplate.LocalFunction function : template.functions()) {
            assertThat(function.kinesisSources()).as(function.logicalId()).isNotEmpty();
            assertThat(function.definition().environment()).as(function.logicalId()).containsKey("QUARANTINE_TABLE");
            assertThat(function.definition().environment().get("QUARANTINE_TABLE")).startsWith("local-");
        }
    }
}
