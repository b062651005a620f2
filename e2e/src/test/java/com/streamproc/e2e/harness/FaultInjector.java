package com.streamproc.e2e.harness;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sits on a function's own DynamoDB client (the one its production wiring is given) and makes DynamoDB and the
 * Lambda sandbox misbehave as planned for the current invocation: throttling and 500s before a request is sent,
 * lost responses after a write was applied, partially unprocessed BatchWriteItems, slow requests, a process that
 * dies after its N-th applied write, and a request that hangs until the invocation is abandoned.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    private static final ExecutionAttribute<Integer> CALL_NUMBER = new ExecutionAttribute<>("e2e.callNumber");
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK =
            new ExecutionAttribute<>("e2e.heldBack");

    /** One invocation's faults and what has happened in it so far. */
    static final class Invocation {
        final FaultPlan plan;
        final FaultCounts counts;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger appliedWrites = new AtomicInteger();
        final AtomicBoolean stormSeen = new AtomicBoolean();
        final CountDownLatch abandoned = new CountDownLatch(1);
        volatile boolean crashed;
        volatile boolean killed;
        volatile boolean hanging;

        Invocation(FaultPlan plan, FaultCounts counts) {
            this.plan = plan;
            this.counts = counts;
        }

        boolean gone() {
            return crashed || killed;
        }
    }

    private volatile Invocation current = new Invocation(FaultPlan.none(Duration.ofMinutes(1)), new FaultCounts());

    /** The next calls belong to a new invocation with this plan; what it injects is counted in {@code counts}. */
    void begin(FaultPlan plan, FaultCounts counts) {
        current = new Invocation(plan, counts);
    }

    /** Whether the current invocation's process died (it is then over, whatever the handler returned). */
    boolean crashed() {
        return current.crashed;
    }

    /** Whether a request of the current invocation is hanging. */
    boolean hanging() {
        return current.hanging;
    }

    /** The invocation ran out of time: freeze it. Nothing it does afterwards reaches DynamoDB. */
    void kill() {
        Invocation invocation = current;
        invocation.killed = true;
        invocation.abandoned.countDown();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (current.gone()) {
            throw new SandboxGone("the invocation is over");
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Invocation invocation = current;
        if (context.request() instanceof BatchWriteItemRequest batch && chance(invocation.plan.unprocessedRate())) {
            int total = batch.requestItems().values().stream().mapToInt(List::size).sum();
            if (total >= 2) {
                // Keep at least one request; the rest is held back and reported unprocessed, never written.
                Map<String, List<WriteRequest>> kept = new HashMap<>();
                Map<String, List<WriteRequest>> heldBack = new HashMap<>();
                boolean keptOne = false;
                for (Map.Entry<String, List<WriteRequest>> table : batch.requestItems().entrySet()) {
                    for (WriteRequest request : table.getValue()) {
                        boolean hold = keptOne && ThreadLocalRandom.current().nextBoolean();
                        (hold ? heldBack : kept).computeIfAbsent(table.getKey(), k -> new ArrayList<>()).add(request);
                        keptOne |= !hold;
                    }
                }
                if (!heldBack.isEmpty()) {
                    attributes.putAttribute(HELD_BACK, heldBack);
                    return batch.toBuilder().requestItems(kept).build();
                }
            }
        }
        return context.request();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Invocation invocation = current;
        if (invocation.gone()) {
            throw new SandboxGone("the invocation is over");
        }
        FaultPlan plan = invocation.plan;
        int call = invocation.calls.incrementAndGet();
        attributes.putAttribute(CALL_NUMBER, call);
        if (!plan.latency().isZero()) {
            sleep(plan.latency().toMillis());
            if (invocation.gone()) {
                // The process died or was frozen during the delay: its request is never sent, not sent late.
                throw new SandboxGone("the invocation is over");
            }
        }
        if (call == plan.hangAtCall() && !plan.hangAfterSending()) {
            hang(invocation);
        }
        boolean inStorm = plan.stormFromCall() > 0 && call >= plan.stormFromCall()
                && call < plan.stormFromCall() + plan.stormLength();
        if (inStorm) {
            if (invocation.stormSeen.compareAndSet(false, true)) {
                invocation.counts.add(FaultKind.THROTTLING_STORM);
            }
            invocation.counts.add(FaultKind.THROTTLED);
            throw throttled();
        }
        double dice = ThreadLocalRandom.current().nextDouble();
        if (dice < plan.throttleRate()) {
            invocation.counts.add(FaultKind.THROTTLED);
            throw throttled();
        }
        if (dice < plan.throttleRate() + plan.serverErrorRate()) {
            invocation.counts.add(FaultKind.SERVER_ERROR);
            throw serverError();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Invocation invocation = current;
        if (invocation.gone()) {
            throw new SandboxGone("the invocation is over");
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean appliedWrite = WRITES.contains(operation) && context.httpResponse().isSuccessful();
        if (!appliedWrite) {
            return;
        }
        FaultPlan plan = invocation.plan;
        Integer call = attributes.getAttribute(CALL_NUMBER);
        if (call != null && call == plan.hangAtCall() && plan.hangAfterSending()) {
            hang(invocation);
        }
        int writes = invocation.appliedWrites.incrementAndGet();
        if (writes == plan.crashAfterWrites()) {
            invocation.crashed = true;
            invocation.counts.add(FaultKind.CRASHED_MID_BATCH);
            throw new SandboxGone("the function process died after " + writes + " applied writes");
        }
        if (chance(plan.lostResponseRate())) {
            invocation.counts.add(FaultKind.RESPONSE_LOST_AFTER_WRITE);
            throw ThreadLocalRandom.current().nextBoolean()
                    ? SdkClientException.builder().message("injected: the response to an applied write was lost")
                            .cause(new SocketTimeoutException("Read timed out")).build()
                    : serverError();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack != null && context.response() instanceof BatchWriteItemResponse response) {
            current.counts.add(FaultKind.UNPROCESSED_ITEMS);
            Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
            response.unprocessedItems().forEach((table, requests) -> unprocessed.put(table, new ArrayList<>(requests)));
            heldBack.forEach((table, requests) -> unprocessed.computeIfAbsent(table, k -> new ArrayList<>())
                    .addAll(requests));
            return response.toBuilder().unprocessedItems(unprocessed).build();
        }
        return context.response();
    }

    /** Blocks like a frozen sandbox: until the invocation is abandoned, deaf to the SDK's attempt timeout. */
    private static void hang(Invocation invocation) {
        invocation.hanging = true;
        boolean interrupted = false;
        while (invocation.abandoned.getCount() > 0) {
            try {
                invocation.abandoned.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new SandboxGone("the invocation was abandoned at its timeout");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean chance(double p) {
        return p > 0 && ThreadLocalRandom.current().nextDouble() < p;
    }

    private static ProvisionedThroughputExceededException throttled() {
        return ProvisionedThroughputExceededException.builder()
                .message("injected: throughput exceeded")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("injected: throughput exceeded").serviceName("DynamoDb").build())
                .build();
    }

    private static InternalServerErrorException serverError() {
        return InternalServerErrorException.builder()
                .message("injected: internal server error")
                .statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError")
                        .errorMessage("injected: internal server error").serviceName("DynamoDb").build())
                .build();
    }
}
