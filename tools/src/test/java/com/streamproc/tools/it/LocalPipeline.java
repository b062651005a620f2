package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.DataCleansingHandler;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.OrderProcessingHandler;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The three functions' handlers wired as in production (their own factories, the quarantine from the core) on the
 * emulators' tables of one environment, fed from the environment's streams the way the event source mapping would:
 * the records not yet delivered, one batch per shard, in sequence order.
 */
final class LocalPipeline implements AutoCloseable {
    private final String env;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final Map<PipelineFunction, RequestHandler<KinesisEvent, StreamsEventResponse>> handlers =
            new java.util.TreeMap<>();
    private final Map<PipelineFunction, Set<String>> delivered = new java.util.TreeMap<>();

    LocalPipeline(EmulatorStack stack, String env) {
        this(createdFor(stack, env), stack.kinesisClient(), env);
    }

    private static DynamoDbClient createdFor(EmulatorStack stack, String env) {
        stack.createResources(stack.samTemplate(), Map.of("EnvironmentName", env));
        return stack.dynamoDbClient();
    }

    /** On tables and streams of {@code env} that exist already; closes the clients. */
    LocalPipeline(DynamoDbClient dynamoDb, KinesisClient kinesis, String env) {
        this.env = env;
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;

        handlers.put(TestFunctions.ORDER_PROCESSING, new OrderProcessingHandler(
                new OrderProcessingDescriptor().processor(environment(TestFunctions.ORDER_PROCESSING,
                        "ORDERS_TABLE"), dynamoDb)));
        FunctionEnvironment activityEnv = environment(TestFunctions.ACTIVITY_TRACKING, "ACTIVITY_TABLE");
        handlers.put(TestFunctions.ACTIVITY_TRACKING, new ActivityTrackingHandler(
                new ActivityTrackingDescriptor().processor(activityEnv, dynamoDb)));
        handlers.put(TestFunctions.DATA_CLEANSING, new DataCleansingHandler(new DataCleansingDescriptor().processor(
                environment(TestFunctions.DATA_CLEANSING, "CUSTOMERS_TABLE"), dynamoDb)));
    }

    private FunctionEnvironment environment(PipelineFunction function, String tableVariable) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(tableVariable, function.tableName(env));
        variables.put("QUARANTINE_TABLE", function.quarantineTableName(env));
        return new FunctionEnvironment(variables);
    }

    /** Delivers the stream's new records to the function; each batch must be fully processed. */
    int deliverNew(PipelineFunction function) {
        Set<String> seen = delivered.computeIfAbsent(function, f -> new HashSet<>());
        Map<String, List<StreamContents.Stored>> byShard = new LinkedHashMap<>();
        for (StreamContents.Stored record : StreamContents.readAll(kinesis, function.streamName(env))) {
            if (seen.add(record.shardId() + "/" + record.sequenceNumber())) {
                byShard.computeIfAbsent(record.shardId(), s -> new ArrayList<>()).add(record);
            }
        }
        int count = 0;
        for (Map.Entry<String, List<StreamContents.Stored>> shard : byShard.entrySet()) {
            KinesisEventFixture batch = KinesisEventFixture.batch().shard(shard.getKey())
                    .streamArn("arn:aws:kinesis:us-east-1:000000000000:stream/" + function.streamName(env))
                    .arrival(Instant.now());
            for (StreamContents.Stored record : shard.getValue()) {
                batch.sequence(new BigInteger(record.sequenceNumber())).recordBytes(record.partitionKey(), record.data());
                count++;
            }
            StreamsEventResponse response = handlers.get(function).handleRequest(batch.build(),
                    FakeLambdaContext.withTime(60_000));
            assertThat(response.getBatchItemFailures()).as("batch item failures of %s", function).isEmpty();
        }
        return count;
    }

    @Override
    public void close() {
        dynamoDb.close();
        kinesis.close();
    }
}
