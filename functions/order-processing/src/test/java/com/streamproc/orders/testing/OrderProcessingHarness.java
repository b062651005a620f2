package com.streamproc.orders.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.orders.OrderProcessingHandler;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.ManualNanoClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The handler wired to an in-memory order store and quarantine, with fast retries. */
public final class OrderProcessingHarness {
    public static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    public final InMemoryOrderStore store = new InMemoryOrderStore();
    public final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final ManualNanoClock nanoClock = new ManualNanoClock();
    private final OrderProcessingHandler handler;

    public OrderProcessingHarness() {
        this(4);
    }

    public OrderProcessingHarness(int maxConcurrentKeys) {
        BatchProcessorConfig config = BatchProcessorConfig.defaults(OrderProcessingHandler.FUNCTION_NAME)
                .withRetryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
                .withDeadlineMargin(Duration.ofSeconds(1));
        BatchProcessor<OrderEvent> processor = new BatchProcessor<>(
                new OrderEventDecoder(),
                OrderProcessingHandler.applier(store, maxConcurrentKeys, Clock.fixed(NOW, ZoneOffset.UTC)),
                quarantine, config, summary -> { }, Clock.fixed(NOW, ZoneOffset.UTC), nanoClock);
        handler = new OrderProcessingHandler(processor);
    }

    public StreamsEventResponse deliver(KinesisEvent event) {
        return handler.handleRequest(event, new FakeLambdaContext("order-processing", 60_000, nanoClock));
    }

    /** The sequence numbers the response reports (at most one). */
    public static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    public Optional<Order> order(String orderId) {
        return store.get(orderId);
    }

    public Order existingOrder(String orderId) {
        return store.get(orderId).orElseThrow(() -> new AssertionError("no order " + orderId));
    }

    /** Quarantine reason codes by sequence number. */
    public Map<String, String> quarantined() {
        return quarantine.reasonsBySequence();
    }
}
