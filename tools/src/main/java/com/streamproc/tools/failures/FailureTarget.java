package com.streamproc.tools.failures;

import com.streamproc.tools.aws.PipelineFunction;
import java.util.Map;

/**
 * What the failure tools need to know of a function, as {@code sam-template.yaml} declares it: its logical id (the
 * local stack's failure file is {@code failures/<LogicalId>.jsonl}), its failure queue and deployed name, the alias
 * its event source mapping invokes, and the mapping's {@code BatchSize}, the largest batch a replay sends.
 */
public record FailureTarget(PipelineFunction function, String logicalId, int batchSize) {
    /** The alias every event source mapping of the template invokes ({@code AutoPublishAlias}). */
    public static final String ALIAS = "live";

    /** The mappings' {@code BatchSize} where it is not Lambda's default of 100 ({@code FailureTargetTest} checks). */
    private static final Map<String, Integer> BATCH_SIZES = Map.of("activity-tracking", 500);
    private static final int DEFAULT_BATCH_SIZE = 100;

    public static FailureTarget of(PipelineFunction function) {
        return new FailureTarget(function, function.descriptor().templateIds().function(),
                BATCH_SIZES.getOrDefault(function.functionName(), DEFAULT_BATCH_SIZE));
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
