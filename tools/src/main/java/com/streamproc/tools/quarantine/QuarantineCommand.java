package com.streamproc.tools.quarantine;

import com.streamproc.tools.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code quarantine}: the records the functions could not apply. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "List quarantined records, or redrive them to their stream once the cause is fixed.",
        subcommands = {QuarantineListCommand.class, QuarantineRedriveCommand.class})
public final class QuarantineCommand extends CommandGroup {
    public QuarantineCommand() {
        super("quarantine: missing command (list, redrive; try --help)");
    }
}
