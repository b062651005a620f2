package com.streamproc.tools.cli;

import com.streamproc.tools.output.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --format} and {@code --limit} of every command that prints rows. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, the default), csv or json")
    OutputFormat format = OutputFormat.TABLE;

    private int limit = 1000;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "At most N rows (default: ${DEFAULT-VALUE}); reading stops once they are found")
    void limit(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 (got " + value + ")");
        }
        this.limit = value;
    }

    public OutputFormat format() {
        return format;
    }

    public int limit() {
        return limit;
    }
}
