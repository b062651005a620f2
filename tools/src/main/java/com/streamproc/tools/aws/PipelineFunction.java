package com.streamproc.tools.aws;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three functions of the pipeline and the names of their resources, as {@code sam-template.yaml} derives them
 * from the environment name ({@code <env>-orders}, ...).
 */
public enum PipelineFunction {
    ORDER_PROCESSING("order-processing", "orders", "orders", "orders", "orders-quarantine"),
    ACTIVITY_TRACKING("activity-tracking", "activity", "activity", "activity", "activity-quarantine"),
    DATA_CLEANSING("data-cleansing", "customers", "customer-records", "customers", "cleansing-quarantine");

    private final String functionName;
    private final String eventType;
    private final String streamSuffix;
    private final String tableSuffix;
    private final String quarantineSuffix;

    PipelineFunction(String functionName, String eventType, String streamSuffix, String tableSuffix,
                     String quarantineSuffix) {
        this.functionName = functionName;
        this.eventType = eventType;
        this.streamSuffix = streamSuffix;
        this.tableSuffix = tableSuffix;
        this.quarantineSuffix = quarantineSuffix;
    }

    /** The function's name, as the quarantine's {@code function} attribute holds it. */
    public String functionName() {
        return functionName;
    }

    /** The short name of the events it consumes, as the producer's {@code --generate} and {@code --input} take it. */
    public String eventType() {
        return eventType;
    }

    public String streamName(String env) {
        return env + "-" + streamSuffix;
    }

    public String tableName(String env) {
        return env + "-" + tableSuffix;
    }

    public String quarantineTableName(String env) {
        return env + "-" + quarantineSuffix;
    }

    /**
     * Accepts the function name ({@code order-processing}), the event type ({@code orders}) or the stream suffix
     * ({@code customer-records}), case-insensitively.
     */
    public static PipelineFunction parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (PipelineFunction function : values()) {
            if (value.equals(function.functionName) || value.equals(function.eventType)
                    || value.equals(function.streamSuffix) || value.equals(function.name().toLowerCase(Locale.ROOT))
                    || (function == DATA_CLEANSING && value.equals("cleansing"))) {
                return function;
            }
        }
        throw new IllegalArgumentException("unknown function '" + text + "', expected one of "
                + Arrays.stream(values()).map(f -> f.functionName + " (" + f.eventType + ")")
                .collect(Collectors.joining(", ")));
    }
}
