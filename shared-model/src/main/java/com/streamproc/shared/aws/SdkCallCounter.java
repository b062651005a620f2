package com.streamproc.shared.aws;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;

/**
 * Counts SDK requests per operation (every attempt that was sent) and the write capacity DynamoDB reports
 * consumed. Used by tests and benchmarks to hold the functions to their write budgets.
 */
public final class SdkCallCounter implements ExecutionInterceptor {
    /** DynamoDB operations that write. */
    public static final Set<String> DYNAMODB_WRITES = Set.of(
            "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final DoubleAdder consumedWriteCapacity = new DoubleAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof DynamoDbResponse) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (DYNAMODB_WRITES.contains(operation)) {
                response.getValueForField("ConsumedCapacity", Object.class).ifPresent(this::addCapacity);
            }
        }
    }

    private void addCapacity(Object consumed) {
        if (consumed instanceof ConsumedCapacity capacity) {
            add(capacity);
        } else if (consumed instanceof Iterable<?> list) {
            for (Object item : list) {
                if (item instanceof ConsumedCapacity capacity) {
                    add(capacity);
                }
            }
        }
    }

    private void add(ConsumedCapacity capacity) {
        Double units = capacity.writeCapacityUnits() != null ? capacity.writeCapacityUnits() : capacity.capacityUnits();
        if (units != null) {
            consumedWriteCapacity.add(units);
        }
    }

    /** Requests sent for {@code operation} (e.g. {@code "UpdateItem"}). */
    public long calls(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Requests sent for any DynamoDB write operation. */
    public long writeRequests() {
        return DYNAMODB_WRITES.stream().mapToLong(this::calls).sum();
    }

    /** Write capacity units DynamoDB reported consumed (requests must ask for {@code ReturnConsumedCapacity}). */
    public double consumedWriteCapacity() {
        return consumedWriteCapacity.sum();
    }

    /** A sorted copy of all counts. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((op, n) -> copy.put(op, n.get()));
        return copy;
    }

    public void reset() {
        calls.clear();
        consumedWriteCapacity.reset();
    }
}
