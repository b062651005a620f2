package com.streamproc.tools.failures;

import com.streamproc.tools.aws.PipelineFunction;

/**
 * What the failure tools need to know of a function, as {@code sam-template.yaml} declares it: its logical id (the
 * local stack's failure file is {@code failures/<LogicalId>.jsonl}), its failure queue and deployed name, and the
 * alias its event source mapping invokes. The mapping's {@code BatchSize}, the largest batch a replay sends, is read
 * from the mapping itself ({@link MappingBatchSize}).
 */
public record FailureTarget(PipelineFunction function, String logicalId) {
    /** The alias every event source mapping of the template invokes ({@code AutoPublishAlias}). */
    public static final String ALIAS = "live";

    public static FailureTarget of(PipelineFunction function) {
        return new FailureTarget(function, function.descriptor().templateIds().function());
    }

    /**
     * Whether its event source mapping never gives up on a batch ({@code FunctionDescriptor#neverGivesUp}): then
     * Lambda writes no on-failure record for it and the stack declares no failure queue for it.
     */
    public boolean neverGivesUp() {
        return function.descriptor().neverGivesUp();
    }

    /**
     * What {@code failures list} and {@code replay} say about a function whose mapping never gives up, or
     * {@code null} for the others: where its on-failure records can come from, and what a replay of one does.
     */
    public String neverGivesUpNote() {
        if (!neverGivesUp()) {
            return null;
        }
        String name = function.functionName();
        return name + ": its event source mapping never gives up on a batch (MaximumRetryAttempts -1,"
                + " MaximumRecordAgeInSeconds -1, no on-failure destination): Lambda retries a failing batch until it"
                + " succeeds or its records expire from the stream, and writes no on-failure record. A record read here"
                + " was left by an earlier mapping with finite retries, or written by hand. Replaying it is safe:"
                + " each record changes an item only if its sequence number is above that item's high-water mark;"
                + " a record at or below it is skipped, counted before or not, so a range later batches of the same"
                + " items went past cannot be completed by a replay.";
    }

    /** The deployed function: {@code <env>-order-processing}. */
    public String functionName(String env) {
        return env + "-" + function.functionName();
    }

    /** The on-failure queue: {@code <env>-order-processing-failures} (none in the stack when {@link #neverGivesUp}). */
    public String queueName(String env) {
        return functionName(env) + "-failures";
    }
}
