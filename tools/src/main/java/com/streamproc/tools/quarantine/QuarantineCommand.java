package com.streamproc.tools.quarantine;

import com.streamproc.tools.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code quarantine}: the records the functions could not apply. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "List quarantined records, or redrive them to their stream once the cause is fixed.",
        subcommands = {QuarantineListCommand.class, QuarantineRedriveCommand.class})
public final class QuarantineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("quarantine: missing command (list, redrive; try --help)");
        return ExitCodes.USAGE;
    }
}
