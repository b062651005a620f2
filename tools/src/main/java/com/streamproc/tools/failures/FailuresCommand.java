package com.streamproc.tools.failures;

import com.streamproc.tools.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code failures}: the batches Lambda gave up on. */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = {"List the batches Lambda gave up on (its on-failure records: SQS in AWS, "
                + ".local-stack/failures/ locally), or replay them from the stream to the function."},
        subcommands = {FailuresListCommand.class, FailuresReplayCommand.class})
public final class FailuresCommand extends CommandGroup {
    public FailuresCommand() {
        super("failures: missing command (list, replay; try --help)");
    }
}
