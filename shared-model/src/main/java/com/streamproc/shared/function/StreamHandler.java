package com.streamproc.shared.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.snapstart.SnapStartPriming;

/**
 * The one Lambda entry point shape: a function's handler extends this with a no-argument constructor (Lambda's)
 * passing its descriptor, and a constructor taking a ready processor (tests).
 *
 * <p>The production path reads and checks every variable the function and the core declare before it creates the
 * DynamoDB client, then wires the processor ({@link FunctionWiring#processor}) and registers SnapStart priming of
 * the decoder with {@link SnapStartPriming}'s policy: priming runs only before a snapshot, calls no AWS service,
 * and a failure is logged and swallowed, because priming is an optimisation only.
 *
 * @param <E> the function's event type
 */
public abstract class StreamHandler<E> implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final BatchProcessor<E> processor;

    /** Production: wires {@code descriptor}'s function from the process environment. */
    protected StreamHandler(FunctionDescriptor<E> descriptor) {
        this(descriptor, FunctionEnvironment.system());
    }

    /** As in production, from {@code env}: for tests of the wiring itself. */
    protected StreamHandler(FunctionDescriptor<E> descriptor, FunctionEnvironment env) {
        FunctionEnvironment checked = FunctionWiring.checkedEnvironment(descriptor, env);
        this.processor = FunctionWiring.processor(descriptor, checked, FunctionWiring.dynamoDbClient(checked));
        BatchProcessor<E> primed = processor;
        SnapStartPriming.register(() -> primed.primeDecoding(FunctionWiring.primingBatch(descriptor)));
    }

    /** Tests: a processor wired by the caller. */
    protected StreamHandler(BatchProcessor<E> processor) {
        this.processor = processor;
    }

    @Override
    public final StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event, context);
    }
}
