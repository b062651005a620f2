package com.streamproc.local.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every command that starts the functions: how many JVMs each gets, and template parameters. */
final class StackOptions {
    @Option(names = "--environments", defaultValue = "1", paramLabel = "<n>",
            description = "Execution environments (JVMs) per function at most (default ${DEFAULT-VALUE}).")
    int environments;

    @Option(names = "--parameter-overrides", paramLabel = "<Key=Value>", split = ",",
            description = "Template parameter values.")
    Map<String, String> parameters = Map.of();

    /** @throws LocalCli.UsageException when a value is out of range */
    void validate() {
        if (environments < 1 || environments > 10) {
            throw new LocalCli.UsageException("--environments must be 1-10");
        }
    }
}
