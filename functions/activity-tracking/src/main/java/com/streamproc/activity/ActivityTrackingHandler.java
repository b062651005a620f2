package com.streamproc.activity;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.aggregate.ActivityBatchApplier;
import com.streamproc.activity.event.ActivityEvent;
import com.streamproc.activity.event.ActivityEventDecoder;
import com.streamproc.activity.store.DynamoDbActivityStore;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.snapstart.PrimingEvents;
import com.streamproc.shared.snapstart.SnapStartPriming;
import com.streamproc.shared.batch.BatchProcessorConfig;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point for the activity stream: exact per-user-day, per-action-hour and daily-active-user aggregates.
 * Must run with {@code ParallelizationFactor: 1} and {@code ReportBatchItemFailures}.
 */
public final class ActivityTrackingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    public static final String FUNCTION_NAME = "activity-tracking";
    static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    private final BatchProcessor<ActivityEvent> processor;

    /** Warms the decoder before a SnapStart snapshot: a plain event and one with every optional field. */
    static final String[] PRIMING_EVENTS = {
        "{\"schemaVersion\":1,\"eventId\":\"p1\",\"userId\":\"priming\",\"action\":\"page.view\","
            + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p2\",\"userId\":\"priming\",\"action\":\"cart.add\","
            + "\"occurredAt\":\"2026-01-01T00:00:00+01:00\",\"sessionId\":\"s\",\"attributes\":{\"a\":1,\"b\":true}}"
    };

    /** Production: builds everything from the environment ({@code ACTIVITY_TABLE}, {@code QUARANTINE_TABLE}, ...). */
    public ActivityTrackingHandler() {
        this(fromEnvironment(FunctionEnvironment.system()));
        // Decoding only: a snapshot must not hold AWS connections or credentials.
        SnapStartPriming.register(() -> processor.primeDecoding(PrimingEvents.batch("priming", PRIMING_EVENTS)));
    }

    public ActivityTrackingHandler(BatchProcessor<ActivityEvent> processor) {
        this.processor = processor;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event, context);
    }

    static BatchProcessor<ActivityEvent> fromEnvironment(FunctionEnvironment env) {
        env.required("ACTIVITY_TABLE"); // name a missing variable before the SDK complains about anything else
        return processorFromEnvironment(env, AwsClients.dynamoDb());
    }

    /**
     * The production wiring on {@code dynamoDb}: the activity table from {@code ACTIVITY_TABLE}, the quarantine and
     * tunables as every function reads them (for tools, benchmarks and end-to-end tests that bring their own client).
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    public static BatchProcessor<ActivityEvent> processorFromEnvironment(FunctionEnvironment env,
                                                                        DynamoDbClient dynamoDb) {
        String table = env.required("ACTIVITY_TABLE");
        int maxConcurrent = env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS);
        Clock clock = Clock.systemUTC();
        ActivityBatchApplier applier = new ActivityBatchApplier(new DynamoDbActivityStore(dynamoDb, table), clock,
                maxConcurrent);
        return BatchProcessor.fromEnvironment(BatchProcessorConfig.defaults(FUNCTION_NAME),
                new ActivityEventDecoder(clock), applier, dynamoDb, env);
    }
}
