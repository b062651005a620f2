package com.streamproc.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run without one, it says which are missing and ends in a usage error. */
public abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final String missingSubcommand;

    /** @param missingSubcommand the line printed when no subcommand is given */
    protected CommandGroup(String missingSubcommand) {
        this.missingSubcommand = missingSubcommand;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(missingSubcommand);
        return ExitCodes.USAGE;
    }
}
