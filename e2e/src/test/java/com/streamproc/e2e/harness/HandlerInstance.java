package com.streamproc.e2e.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One Lambda execution environment of a function, in this JVM: the handler built once by the production wiring on
 * its own DynamoDB client (with the fault injector on it), invoked on a runtime thread of its own so that an
 * invocation can be abandoned at its timeout. After a crash or a timeout the environment is dead and is replaced,
 * as Lambda replaces it.
 */
final class HandlerInstance implements AutoCloseable {
    private final String functionName;
    private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
    private final DynamoDbClient dynamoDb;
    private final FaultInjector faults;
    private final ExecutorService runtime;
    private boolean dead;

    HandlerInstance(String functionName, RequestHandler<KinesisEvent, StreamsEventResponse> handler,
                    DynamoDbClient dynamoDb, FaultInjector faults) {
        this.functionName = functionName;
        this.handler = handler;
        this.dynamoDb = dynamoDb;
        this.faults = faults;
        this.runtime = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, functionName + "-runtime");
            thread.setDaemon(true);
            return thread;
        });
    }

    boolean dead() {
        return dead;
    }

    /**
     * One invocation with {@code lambdaJson}, the batch exactly as Lambda sends it.
     *
     * @param counts     where the faults that happen are counted
     * @param unexpected told about function errors no injected fault explains
     */
    InvocationOutcome invoke(byte[] lambdaJson, FaultPlan plan, FaultCounts counts, Consumer<String> unexpected) {
        KinesisEvent event;
        try {
            event = LambdaJson.event(lambdaJson);
        } catch (RuntimeException unreadable) {
            unexpected.accept("the runtime could not deserialize a batch: " + unreadable);
            return InvocationOutcome.error(unreadable.getClass().getName(), String.valueOf(unreadable.getMessage()));
        }
        faults.begin(plan, counts);
        if (!plan.latency().isZero()) {
            counts.add(FaultKind.DEADLINE_PRESSURE);
        }
        long timeoutMillis = plan.remainingTime().toMillis();
        FakeLambdaContext context = new FakeLambdaContext(functionName, timeoutMillis, System::nanoTime);
        Future<StreamsEventResponse> running = runtime.submit(() -> handler.handleRequest(event, context));
        try {
            StreamsEventResponse response = running.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (faults.crashed()) {
                dead = true;
                return InvocationOutcome.error("Runtime.ExitError", "the process exited mid-batch");
            }
            return InvocationOutcome.returned(LambdaJson.response(response));
        } catch (TimeoutException overran) {
            boolean injected = faults.hanging();
            faults.kill();
            dead = true;
            if (injected) {
                counts.add(FaultKind.TIMED_OUT);
            } else if (!plan.latency().isZero()) {
                counts.add(FaultKind.OVERRAN_TIMEOUT);
            } else {
                unexpected.accept(functionName + " ran past its " + timeoutMillis + " ms timeout with no hang or "
                        + "deadline pressure injected");
            }
            awaitQuietly(running);
            return InvocationOutcome.error("Sandbox.Timedout", "Task timed out after " + timeoutMillis + " ms");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (faults.crashed() || cause instanceof SandboxGone) {
                dead = true;
                return InvocationOutcome.error("Runtime.ExitError", "the process exited mid-batch");
            }
            // The handler must never throw for a record: this is a finding, not an injected fault.
            unexpected.accept(functionName + " threw " + cause);
            return InvocationOutcome.error(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            faults.kill();
            dead = true;
            return InvocationOutcome.error("Runtime.Interrupted", "the mapping is shutting down");
        }
    }

    private static void awaitQuietly(Future<?> running) {
        try {
            running.get(30, TimeUnit.SECONDS);
        } catch (Exception | Error ignored) {
            // Frozen and discarded: how it ends does not matter, only that its calls no longer reach DynamoDB.
        }
    }

    @Override
    public void close() {
        runtime.shutdownNow();
        dynamoDb.close();
    }
}
