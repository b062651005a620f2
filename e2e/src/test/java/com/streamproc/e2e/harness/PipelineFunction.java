package com.streamproc.e2e.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The functions this suite has a reference model for (generators, state checks). Everything else about them (names,
 * logical ids, the production wiring) comes from their {@link FunctionDescriptor}.
 */
public enum PipelineFunction {
    ORDER_PROCESSING("order-processing"),
    ACTIVITY_TRACKING("activity-tracking"),
    DATA_CLEANSING("data-cleansing");

    private final String name;

    PipelineFunction(String name) {
        this.name = name;
    }

    /** The function's descriptor, from the class path. */
    public FunctionDescriptor<?> descriptor() {
        return FunctionDescriptors.named(name);
    }

    /** The name in reports and in the bad-input catalogue ({@code order-processing}, ...). */
    public String shortName() {
        return descriptor().name();
    }

    public String logicalId() {
        return descriptor().templateIds().function();
    }

    public String tableId() {
        return descriptor().templateIds().table();
    }

    public String quarantineTableId() {
        return descriptor().templateIds().quarantineTable();
    }

    /** The handler as its no-argument constructor builds it, but on {@code dynamoDb}. */
    public RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionEnvironment env,
                                                                      DynamoDbClient dynamoDb) {
        return handler(descriptor(), env, dynamoDb);
    }

    /** Any function's handler as its no-argument constructor builds it, but on {@code dynamoDb}. */
    public static RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionDescriptor<?> descriptor,
                                                                             FunctionEnvironment env,
                                                                             DynamoDbClient dynamoDb) {
        BatchProcessor<?> processor = descriptor.processor(env, dynamoDb);
        return processor::process;
    }
}
