package com.streamproc.tools.aws;

import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import java.util.List;
import java.util.Objects;

/**
 * A function of the pipeline as the tools see it: its {@link FunctionDescriptor} (found on the class path, so the
 * tools know every function their build includes) and the names of its resources, as {@code sam-template.yaml}
 * derives them from the environment name ({@code <env>-orders}, ...). Ordered by function name.
 */
public final class PipelineFunction implements Comparable<PipelineFunction> {
    private static final List<PipelineFunction> ALL = FunctionDescriptors.all().stream()
            .map(PipelineFunction::new).toList();

    private final FunctionDescriptor<?> descriptor;

    private PipelineFunction(FunctionDescriptor<?> descriptor) {
        this.descriptor = descriptor;
    }

    /** Every function on the class path, ordered by name. */
    public static List<PipelineFunction> values() {
        return ALL;
    }

    public FunctionDescriptor<?> descriptor() {
        return descriptor;
    }

    /** The function's name, as the quarantine's {@code function} attribute holds it. */
    public String functionName() {
        return descriptor.name();
    }

    /** The short name of the events it consumes, as the producer's {@code --generate} and {@code --input} take it. */
    public String eventType() {
        return descriptor.eventType();
    }

    public String streamName(String env) {
        return env + "-" + descriptor.resourceSuffixes().stream();
    }

    public String tableName(String env) {
        return env + "-" + descriptor.resourceSuffixes().table();
    }

    public String quarantineTableName(String env) {
        return env + "-" + descriptor.resourceSuffixes().quarantineTable();
    }

    /**
     * Accepts the function name ({@code order-processing}), the event type ({@code orders}), the stream suffix
     * ({@code customer-records}), an alias its descriptor declares, or its template logical id, case-insensitively.
     *
     * @throws IllegalArgumentException listing the known functions when none matches
     */
    public static PipelineFunction parse(String text) {
        for (PipelineFunction function : ALL) {
            if (text.trim().equalsIgnoreCase(function.descriptor.resourceSuffixes().stream())) {
                return function;
            }
        }
        FunctionDescriptor<?> found = FunctionDescriptors.named(ALL.stream()
                .<FunctionDescriptor<?>>map(PipelineFunction::descriptor).toList(), text);
        return ALL.stream().filter(f -> f.descriptor == found).findFirst().orElseThrow();
    }

    @Override
    public int compareTo(PipelineFunction other) {
        return functionName().compareTo(other.functionName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PipelineFunction function && function.functionName().equals(functionName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(functionName());
    }

    @Override
    public String toString() {
        return functionName();
    }
}
