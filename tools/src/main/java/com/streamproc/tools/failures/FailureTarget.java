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

    /** The deployed function: {@code <env>-order-processing}. */
    public String functionName(String env) {
        return env + "-" + function.functionName();
    }

    /** The on-failure queue: {@code <env>-order-processing-failures}. */
    public String queueName(String env) {
        return functionName(env) + "-failures";
    }
}
