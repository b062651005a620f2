package com.streamproc.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command on the streams and tables of one environment ({@code --env}), run in the root command's context. */
public abstract class EnvironmentCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected EnvironmentOption environment;

    /** AWS connections, contracts, stdin and clock of this run. */
    protected ToolContext context() {
        return ToolContext.of(spec);
    }

    /** A usage error of this command: one line on stderr, exit status {@link ExitCodes#USAGE}. */
    protected ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
