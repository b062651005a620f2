package com.streamproc.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.DynamoDbOrderStore;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.snapstart.PrimingEvents;
import com.streamproc.shared.snapstart.SnapStartPriming;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Order processing: applies order events from Kinesis to one item per order in the orders table, exactly once
 * (see {@link OrderPartitionApplier}); poison goes to the quarantine table.
 *
 * <p>Environment: {@code ORDERS_TABLE}, {@code QUARANTINE_TABLE}, {@code MAX_CONCURRENT_KEYS} (default 8), and the
 * shared batch tunables ({@link BatchProcessor#fromEnvironment}).
 */
public final class OrderProcessingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    public static final String FUNCTION_NAME = "order-processing";
    public static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    private final BatchProcessor<OrderEvent> processor;

    /** An event of every shape the decoder knows, to warm its code paths before a SnapStart snapshot. */
    static final String[] PRIMING_EVENTS = {
        "{\"schemaVersion\":1,\"eventId\":\"p1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"priming\","
            + "\"customerId\":\"priming\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"currency\":\"EUR\","
            + "\"items\":[{\"sku\":\"s\",\"quantity\":1,\"unitPrice\":\"1.00\"}],\"total\":\"1.00\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p2\",\"type\":\"PAYMENT_CAPTURED\",\"orderId\":\"priming\","
            + "\"occurredAt\":\"2026-01-01T00:00:00+01:00\",\"currency\":\"EUR\",\"amount\":\"1.00\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p3\",\"type\":\"ORDER_SHIPPED\",\"orderId\":\"priming\","
            + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}"
    };

    /** Lambda's constructor: wires everything from the environment, once per execution environment. */
    public OrderProcessingHandler() {
        this(processorFromEnvironment(FunctionEnvironment.system(), AwsClients.dynamoDb()));
        // Decoding only: a snapshot must not hold AWS connections or credentials.
        SnapStartPriming.register(() -> processor.primeDecoding(PrimingEvents.batch("priming", PRIMING_EVENTS)));
    }

    public OrderProcessingHandler(BatchProcessor<OrderEvent> processor) {
        this.processor = processor;
    }

    /**
     * The production wiring on {@code dynamoDb}: the orders table from {@code ORDERS_TABLE}, the quarantine and
     * tunables as every function reads them.
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    public static BatchProcessor<OrderEvent> processorFromEnvironment(FunctionEnvironment env, DynamoDbClient dynamoDb) {
        OrderStore store = new DynamoDbOrderStore(dynamoDb, env.required("ORDERS_TABLE"));
        int maxConcurrentKeys = env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS);
        return BatchProcessor.fromEnvironment(BatchProcessorConfig.defaults(FUNCTION_NAME), new OrderEventDecoder(),
                applier(store, maxConcurrentKeys, Clock.systemUTC()), dynamoDb, env);
    }

    /**
     * Reads the batch's orders at once, writes its status-change items, then applies each order's records with
     * one write ({@link OrderBatchApplier}).
     */
    public static BatchApplier<OrderEvent> applier(OrderStore store, int maxConcurrentKeys, Clock clock) {
        return new OrderBatchApplier(store, maxConcurrentKeys, clock);
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event, context);
    }
}
