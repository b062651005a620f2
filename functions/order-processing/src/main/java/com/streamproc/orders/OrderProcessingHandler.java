package com.streamproc.orders;

import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.store.OrderStore;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.StreamHandler;
import java.time.Clock;

/**
 * Order processing: applies order events from Kinesis to one item per order in the orders table, exactly once
 * (see {@link OrderPartitionApplier}); poison goes to the quarantine table.
 *
 * <p>Environment: {@code ORDERS_TABLE}, {@code MAX_CONCURRENT_KEYS} (default 8) and the core's variables
 * ({@link OrderProcessingDescriptor}, {@link com.streamproc.shared.function.FunctionWiring}).
 */
public final class OrderProcessingHandler extends StreamHandler<OrderEvent> {
    public static final String FUNCTION_NAME = OrderProcessingDescriptor.NAME;
    public static final int DEFAULT_MAX_CONCURRENT_KEYS = OrderProcessingDescriptor.DEFAULT_MAX_CONCURRENT_KEYS;

    /** Lambda's constructor: wires everything from the environment, once per execution environment. */
    public OrderProcessingHandler() {
        super(new OrderProcessingDescriptor());
    }

    public OrderProcessingHandler(BatchProcessor<OrderEvent> processor) {
        super(processor);
    }

    /**
     * Reads the batch's orders at once, writes its status-change items, then applies each order's records with
     * one write ({@link OrderBatchApplier}).
     */
    public static BatchApplier<OrderEvent> applier(OrderStore store, int maxConcurrentKeys, Clock clock) {
        return new OrderBatchApplier(store, maxConcurrentKeys, clock);
    }
}
