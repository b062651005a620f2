package com.streamproc.cleansing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.snapstart.PrimingEvents;
import com.streamproc.shared.snapstart.SnapStartPriming;

/**
 * Lambda entry point of the data-cleansing function: Kinesis batches of source customer records in, normalised
 * and deduplicated customers in {@code CustomersTable} out, records that cannot be cleansed in the quarantine.
 * Requires {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source mapping.
 */
public final class DataCleansingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final BatchProcessor<CleansedRecord> processor;

    /** Used by Lambda: wires everything from the environment, once per execution environment. */
    public DataCleansingHandler() {
        this(DataCleansingFunction.fromEnvironment(FunctionEnvironment.system(), AwsClients.dynamoDb()));
        // Before a SnapStart snapshot, warm decoding again (no AWS call: a snapshot must not hold connections).
        SnapStartPriming.register(() -> processor.primeDecoding(
                PrimingEvents.batch("priming:0", DataCleansingFunction.PRIMING_RECORD)));
    }

    public DataCleansingHandler(BatchProcessor<CleansedRecord> processor) {
        this.processor = processor;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event, context);
    }
}
