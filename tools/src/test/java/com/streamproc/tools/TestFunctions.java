package com.streamproc.tools;

import com.streamproc.tools.aws.PipelineFunction;

/** The project's functions, as the tools' tests use them. */
public final class TestFunctions {
    public static final PipelineFunction ORDER_PROCESSING = PipelineFunction.parse("order-processing");
    public static final PipelineFunction ACTIVITY_TRACKING = PipelineFunction.parse("activity-tracking");
    public static final PipelineFunction DATA_CLEANSING = PipelineFunction.parse("data-cleansing");

    private TestFunctions() {
    }
}
