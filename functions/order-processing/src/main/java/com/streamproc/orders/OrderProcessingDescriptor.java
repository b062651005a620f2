package com.streamproc.orders;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.DynamoDbOrderStore;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.TemplateIds;
import com.streamproc.shared.function.VariableKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The order-processing function as the rest of the project sees it ({@link FunctionDescriptor}). */
public final class OrderProcessingDescriptor implements FunctionDescriptor<OrderEvent> {
    public static final String NAME = "order-processing";
    public static final String TABLE_VARIABLE = "ORDERS_TABLE";
    public static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    /** An event of every shape the decoder knows, to warm its code paths before a SnapStart snapshot. */
    static final List<String> PRIMING_EVENTS = List.of(
        "{\"schemaVersion\":1,\"eventId\":\"p1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"priming\","
            + "\"customerId\":\"priming\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"currency\":\"EUR\","
            + "\"items\":[{\"sku\":\"s\",\"quantity\":1,\"unitPrice\":\"1.00\"}],\"total\":\"1.00\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p2\",\"type\":\"PAYMENT_CAPTURED\",\"orderId\":\"priming\","
            + "\"occurredAt\":\"2026-01-01T00:00:00+01:00\",\"currency\":\"EUR\",\"amount\":\"1.00\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p3\",\"type\":\"ORDER_SHIPPED\",\"orderId\":\"priming\","
            + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String eventType() {
        return "orders";
    }

    @Override
    public TemplateIds templateIds() {
        return new TemplateIds("OrderProcessingFunction", "OrdersStream", "OrdersTable", "OrdersQuarantineTable");
    }

    @Override
    public TemplateIds resourceSuffixes() {
        return new TemplateIds("order-processing", "orders", "orders", "orders-quarantine");
    }

    @Override
    public Class<? extends RequestHandler<?, ?>> handlerClass() {
        return OrderProcessingHandler.class;
    }

    @Override
    public String tableVariable() {
        return TABLE_VARIABLE;
    }

    @Override
    public Map<String, VariableKind> variables() {
        return Map.of(TABLE_VARIABLE, VariableKind.REQUIRED, "MAX_CONCURRENT_KEYS", VariableKind.POSITIVE_INT);
    }

    @Override
    public List<String> partitionKeyFields() {
        return List.of("orderId");
    }

    @Override
    public RecordDecoder<OrderEvent> decoder(Clock clock) {
        return new OrderEventDecoder();
    }

    /**
     * Reads the batch's orders at once, writes its status-change items, then applies each order's records with
     * one write ({@link OrderBatchApplier}).
     */
    @Override
    public BatchApplier<OrderEvent> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        int maxConcurrentKeys = env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS);
        return new OrderBatchApplier(new DynamoDbOrderStore(dynamoDb, env.required(TABLE_VARIABLE),
                ConcurrentRequests.upTo(maxConcurrentKeys, "order-reads")), maxConcurrentKeys, clock);
    }

    @Override
    public List<String> primingEvents() {
        return PRIMING_EVENTS;
    }
}
