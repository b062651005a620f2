package com.streamproc.cleansing;

import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.StreamHandler;

/**
 * Lambda entry point of the data-cleansing function: Kinesis batches of source customer records in, normalised
 * and deduplicated customers in {@code CustomersTable} out, records that cannot be cleansed in the quarantine.
 * Requires {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source mapping; wired from
 * {@link DataCleansingDescriptor}.
 */
public final class DataCleansingHandler extends StreamHandler<CleansedRecord> {
    /** Used by Lambda: wires everything from the environment, once per execution environment. */
    public DataCleansingHandler() {
        super(new DataCleansingDescriptor());
    }

    public DataCleansingHandler(BatchProcessor<CleansedRecord> processor) {
        super(processor);
    }
}
