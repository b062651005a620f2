package com.streamproc.e2e.model;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.OrderIntent;
import com.streamproc.e2e.generate.OrderStreamGenerator;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.reference.OrderReference;
import com.streamproc.e2e.verify.Mismatches;
import com.streamproc.e2e.verify.OrderStateCheck;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.orders.query.OrderQueries;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Order processing: orders through their lifecycle, revenue per UTC day and currency. */
public final class OrderModel implements EndToEndModel<OrderIntent> {
    private static final Set<String> REVENUE_CURRENCIES = Set.of("EUR", "USD", "JPY", "GBP", "CHF");

    @Override
    public String functionName() {
        return OrderProcessingDescriptor.NAME;
    }

    @Override
    public List<Produced<OrderIntent>> generate(long seed, int scale) {
        return OrderStreamGenerator.generate(seed, 45 * scale);
    }

    /** Without second placements of an order: which placement wins depends on the processing order after a give-up. */
    @Override
    public List<Produced<OrderIntent>> generateForGiveUp(long seed, int scale) {
        Map<String, String> placement = new java.util.HashMap<>();
        return generate(seed, scale).stream().filter(record -> !(record.intent() instanceof OrderIntent.Valid valid
                && valid.event().type() == OrderIntent.Type.ORDER_PLACED
                && !placement.computeIfAbsent(valid.event().orderId(), id -> valid.event().eventId())
                        .equals(valid.event().eventId()))).toList();
    }

    @Override
    public boolean isPoison(OrderIntent intent) {
        return intent instanceof OrderIntent.Poison;
    }

    @Override
    public Verdict verify(List<Delivered<OrderIntent>> delivered, DynamoDbClient dynamoDb, String table) {
        OrderReference reference = OrderReference.of(delivered);
        Mismatches mismatches = OrderStateCheck.compare(reference, new OrderQueries(dynamoDb, table),
                UtcDays.from(OrderStreamGenerator.FIRST_DAY, -1, 10), REVENUE_CURRENCIES);
        return new Verdict(reference.poison(), reference.duplicates(), mismatches);
    }

    @Override
    public Set<String> reasonsAfterAGiveUp() {
        return Set.of(OrderReasons.ORDER_UNKNOWN, OrderReasons.INVALID_TRANSITION);
    }

    @Override
    public Set<String> reasonCodes() {
        return ReasonCodeConstants.withShared(OrderReasons.class);
    }

    @Override
    public Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                                  Map<String, String> checks) {
        String orderId = checks.getOrDefault("orderId", "ord-" + id);
        Optional<Order> order = new OrderQueries(dynamoDb, table).orderById(orderId);
        if (order.isEmpty()) {
            return Optional.of("order " + orderId + " was not stored");
        }
        String customerId = checks.get("customerId");
        if (customerId != null && !customerId.equals(order.get().customerId())) {
            return Optional.of("customerId stored as " + order.get().customerId() + ", sent " + customerId);
        }
        return Optional.empty();
    }
}
