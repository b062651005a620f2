package com.streamproc.tools.failures;

import com.streamproc.tools.aws.PipelineFunction;

/**
 * What the failure tools need to know of a function, as {@code sam-template.yaml} declares it: its logical id (the
 * local stack's failure file is {@code failures/<LogicalId>.jsonl}), its failure queue and deployed name, the alias
 * its event source mapping invokes, and the mapping's {@code BatchSize}, the largest batch a replay sends.
 */
public record FailureTarget(PipelineFunction function, String logicalId, int batchSize) {
    /** The alias every event source mapping of the template invokes ({@code AutoPublishAlias}). */
    public static final String ALIAS = "live";

    public static FailureTarget of(PipelineFunction function) {
        return switch (function) {
            case ORDER_PROCESSING -> new FailureTarget(function, "OrderProcessingFunction", 100);
            case ACTIVITY_TRACKING -> new FailureTarget(function, "ActivityTrackingFunction", 500);
            case DATA_CLEANSING -> new FailureTarget(function, "DataCleansingFunction", 100);
        };
    }

    /** The deployed function: {@code <env>-order-processing}. */
    public String functionName(String env) {
        return env + "-" + function.functionName();
    }

    /** The on-failure queue: {@code <env>-order-processing-failures}. */
    public String queueName(String env) {
        return functionName(env) + "-failures";
    }
}
