package com.streamproc.e2e.harness;

import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.function.FunctionDescriptor;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A function's execution environments: reused while warm, a new one created when none is idle (Lambda scaling out),
 * a dead one (crashed, timed out) thrown away. Each has its own DynamoDB client built by the functions' own
 * {@link AwsClients#dynamoDb(URI, software.amazon.awssdk.core.interceptor.ExecutionInterceptor...)} with a
 * {@link FaultInjector} on it.
 */
public final class EnvironmentPool implements AutoCloseable {
    private final FunctionDescriptor<?> function;
    private final FunctionEnvironment environment;
    private final URI dynamoDbEndpoint;
    private final Deque<HandlerInstance> idle = new ArrayDeque<>();
    private final List<HandlerInstance> live = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();

    public EnvironmentPool(FunctionDescriptor<?> function, FunctionEnvironment environment, URI dynamoDbEndpoint) {
        this.function = function;
        this.environment = environment;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    HandlerInstance acquire() {
        synchronized (this) {
            HandlerInstance instance = idle.pollFirst();
            if (instance != null) {
                return instance;
            }
        }
        FaultInjector injector = new FaultInjector();
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(dynamoDbEndpoint, injector);
        HandlerInstance instance = new HandlerInstance(function.name(), PipelineFunction.handler(function, environment, dynamoDb),
                dynamoDb, injector);
        created.incrementAndGet();
        synchronized (this) {
            live.add(instance);
        }
        return instance;
    }

    void release(HandlerInstance instance) {
        if (instance.dead()) {
            synchronized (this) {
                live.remove(instance);
            }
            instance.close();
            return;
        }
        synchronized (this) {
            idle.addFirst(instance);
        }
    }

    /** Environments created so far (the first ones and the replacements of dead ones). */
    public int created() {
        return created.get();
    }

    @Override
    public synchronized void close() {
        live.forEach(HandlerInstance::close);
        live.clear();
        idle.clear();
    }
}
