package com.streamproc.shared.function;

import java.util.Objects;

/**
 * Names of a function's resources in {@code sam-template.yaml}: their logical ids
 * ({@link FunctionDescriptor#templateIds}), or the suffixes of their physical names
 * ({@link FunctionDescriptor#resourceSuffixes}).
 *
 * @param function        the {@code AWS::Serverless::Function}
 * @param stream          the Kinesis stream it consumes
 * @param table           its data table
 * @param quarantineTable the table its poison records go to
 */
public record TemplateIds(String function, String stream, String table, String quarantineTable) {
    public TemplateIds {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(quarantineTable, "quarantineTable");
    }
}
