package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.tools.aws.AwsConnections;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsRequest;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The replay in AWS: the message from the function's queue, the range from the shard, Invoke of the live alias. */
class FailuresReplayCommandTest {
    private static final OnFailureRecord SAMPLE = OnFailureRecord.parse(OnFailureRecordTest.DOCUMENTED_SAMPLE);
    private static final BigInteger END = SAMPLE.start().add(BigInteger.valueOf(149));

    private final FakeQueue queue = new FakeQueue();
    private final FakeShard shard = new FakeShard(SAMPLE.start(), 200, 1000);
    private final List<InvokeRequest> invocations = new ArrayList<>();
    private final List<ListEventSourceMappingsRequest> mappingRequests = new ArrayList<>();
    /** The deployed mappings on the sample's stream: another function's, and the live alias of order processing. */
    private final List<EventSourceMappingConfiguration> mappings = new ArrayList<>(List.of(
            EventSourceMappingConfiguration.builder().uuid("m-other").batchSize(10).eventSourceArn(SAMPLE.streamArn())
                    .functionArn("arn:aws:lambda:us-east-1:123456789012:function:prod-archiver").build(),
            EventSourceMappingConfiguration.builder().uuid("m-orders").batchSize(100)
                    .eventSourceArn(SAMPLE.streamArn())
                    .functionArn("arn:aws:lambda:us-east-1:123456789012:function:prod-order-processing:live").build()));

    private final LambdaClient lambda = new LambdaClient() {
        @Override
        public InvokeResponse invoke(InvokeRequest request) {
            invocations.add(request);
            return InvokeResponse.builder().statusCode(200)
                    .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"batchItemFailures\":[]}")).build();
        }

        @Override
        public ListEventSourceMappingsResponse listEventSourceMappings(ListEventSourceMappingsRequest request) {
            mappingRequests.add(request);
            return ListEventSourceMappingsResponse.builder().eventSourceMappings(mappings.stream()
                    .filter(m -> m.eventSourceArn().equals(request.eventSourceArn())).toList()).build();
        }

        @Override
        public String serviceName() {
            return "lambda";
        }

        @Override
        public void close() {
        }
    };

    private ToolContext context() {
        queue.visible.put("h1", OnFailureRecordTest.DOCUMENTED_SAMPLE.replace(SAMPLE.endSequence(), END.toString())
                .replace("\"batchSize\": 500", "\"batchSize\": 150"));
        AwsConnections aws = new AwsConnections() {
            @Override
            public KinesisClient kinesis() {
                return shard;
            }

            @Override
            public DynamoDbClient dynamoDb() {
                throw new UnsupportedOperationException();
            }

            @Override
            public SqsClient sqs() {
                return queue;
            }

            @Override
            public LambdaClient lambda() {
                return lambda;
            }
        };
        return new ToolContext(aws, Map::of, new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
    }

    @Test
    void dryRunInvokesNothingAndLeavesTheMessage() {
        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "orders");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(queue.queueNames).containsExactly("prod-order-processing-failures");
        assertThat(invocations).isEmpty();
        assertThat(queue.deleted).isEmpty();
        assertThat(queue.visible).containsOnlyKeys("h1");
        assertThat(run.err()).contains("would replay 150 records in about 2 invocation(s) of prod-order-processing");
    }

    @Test
    void listOfActivityReadsNoQueueAndSaysItsMappingNeverGivesUp() {
        CommandRun run = CommandRun.run(context(), "failures", "list", "--env", "prod", "--function", "activity",
                "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(queue.queueNames).isEmpty();
        assertThat(run.err()).contains("activity-tracking: its event source mapping never gives up on a batch "
                        + "(MaximumRetryAttempts -1, MaximumRecordAgeInSeconds -1, no on-failure destination)",
                "failures list: 0 on-failure record(s) in no failure queue (activity-tracking never gives up;"
                        + " --queue reads one an earlier stack left)");
    }

    @Test
    void replayOfAnActivityRangeFromAnEarlierQueueSaysOnlyRecordsAboveEachItemsMarkApply() {
        // An activity mapping as the stack deploys it now, reading the stream the range came from.
        mappings.add(EventSourceMappingConfiguration.builder().uuid("m-activity").batchSize(500)
                .eventSourceArn(SAMPLE.streamArn())
                .functionArn("arn:aws:lambda:us-east-1:123456789012:function:prod-activity-tracking:live").build());
        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "activity",
                "--queue", "prod-activity-tracking-failures");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(queue.queueNames).containsExactly("prod-activity-tracking-failures");
        assertThat(invocations).isEmpty();
        assertThat(run.err()).contains("Replaying it is safe: each record changes an item only if its sequence number"
                        + " is above that item's high-water mark; a record at or below it is skipped, counted before"
                        + " or not",
                "would replay 150 records in about 1 invocation(s) of prod-activity-tracking");
    }

    @Test
    void executeInvokesTheLiveAliasInBatchesOfTheMappingAndDeletesTheMessage() {
        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "orders",
                "--execute", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(invocations).hasSize(2).allSatisfy(request -> {
            assertThat(request.functionName()).isEqualTo("prod-order-processing");
            assertThat(request.qualifier()).isEqualTo("live");
            assertThat(request.invocationTypeAsString()).isEqualTo("RequestResponse");
        });
        assertThat(queue.deleted).containsExactly("h1");
        assertThat(queue.visible).isEmpty();
        assertThat(run.outLines()).containsExactly(
                "shard,startSequence,endSequence,givenUp,read,invocations,invoked,applied,failed,status",
                "shardId-000000000001," + SAMPLE.startSequence() + "," + END + ",150,150,2,150,150,0,replayed");
        assertThat(run.err()).endsWith("failures replay: ranges=1 read=150 applied=150 unfinished=0\n");
        assertThat(mappingRequests).singleElement()
                .satisfies(r -> assertThat(r.eventSourceArn()).isEqualTo(SAMPLE.streamArn()));
    }

    @Test
    void theBatchSizeIsTheDeployedMappingsNotTheTemplatesWhenTheyDiffer() {
        mappings.set(1, mappings.get(1).toBuilder().batchSize(40).build());

        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "orders",
                "--execute");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(invocations).hasSize(4);
        assertThat(run.err()).contains("40 records per invocation at most (BatchSize of the event source mapping)");
    }

    @Test
    void batchSizeOptionOverridesTheMappingWithoutAskingForIt() {
        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "orders",
                "--execute", "--batch-size", "50");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(invocations).hasSize(3);
        assertThat(mappingRequests).isEmpty();
    }

    @Test
    void withoutAMappingOfTheFunctionTheReplaySaysSoAndInvokesNothing() {
        mappings.remove(1);

        CommandRun run = CommandRun.run(context(), "failures", "replay", "--env", "prod", "--function", "orders",
                "--execute");

        assertThat(run.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(invocations).isEmpty();
        assertThat(queue.deleted).isEmpty();
        assertThat(run.err()).contains("no event source mapping of prod-order-processing reads " + SAMPLE.streamArn())
                .contains("--batch-size");
    }
}
