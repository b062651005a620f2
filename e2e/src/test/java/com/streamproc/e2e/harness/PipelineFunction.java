package com.streamproc.e2e.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.activity.ActivityTrackingHandler;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.DataCleansingHandler;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.OrderProcessingHandler;
import com.streamproc.shared.aws.FunctionEnvironment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The three functions, by their template logical ids, wired as in production on a given DynamoDB client. */
public enum PipelineFunction {
    ORDER_PROCESSING("order-processing", "OrderProcessingFunction", "OrdersTable", "OrdersQuarantineTable"),
    ACTIVITY_TRACKING("activity-tracking", "ActivityTrackingFunction", "ActivityTable", "ActivityQuarantineTable"),
    DATA_CLEANSING("data-cleansing", "DataCleansingFunction", "CustomersTable", "CleansingQuarantineTable");

    private final String shortName;
    private final String logicalId;
    private final String tableId;
    private final String quarantineTableId;

    PipelineFunction(String shortName, String logicalId, String tableId, String quarantineTableId) {
        this.shortName = shortName;
        this.logicalId = logicalId;
        this.tableId = tableId;
        this.quarantineTableId = quarantineTableId;
    }

    /** The name in reports and in the bad-input catalogue ({@code order-processing}, ...). */
    public String shortName() {
        return shortName;
    }

    public String logicalId() {
        return logicalId;
    }

    public String tableId() {
        return tableId;
    }

    public String quarantineTableId() {
        return quarantineTableId;
    }

    /** The handler as its no-argument constructor builds it, but on {@code dynamoDb}. */
    public RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionEnvironment env,
                                                                      DynamoDbClient dynamoDb) {
        return switch (this) {
            case ORDER_PROCESSING -> new OrderProcessingHandler(
                    new OrderProcessingDescriptor().processor(env, dynamoDb));
            case DATA_CLEANSING -> new DataCleansingHandler(new DataCleansingDescriptor().processor(env, dynamoDb));
            case ACTIVITY_TRACKING -> new ActivityTrackingHandler(
                    new ActivityTrackingDescriptor().processor(env, dynamoDb));
        };
    }
}
