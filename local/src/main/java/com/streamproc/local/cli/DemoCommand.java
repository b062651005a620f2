package com.streamproc.local.cli;

import com.streamproc.local.demo.Demo;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.local.stack.StackState;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code demo}: the whole pipeline end to end with realistic traffic, then the accounting. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the emulators and the three functions, produces realistic traffic on the three "
                + "streams (order lifecycles, activity with a few very active users, messy customer records; with "
                + "duplicates, out-of-order events and poison), shows progress, then checks that every record is "
                + "applied, quarantined or in a failure destination and answers the analysts' questions.",
                "Exit code 0 only when every record is accounted for."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    LocalCli cli;

    @Option(names = "--records", defaultValue = "1500", paramLabel = "<n>",
            description = "Records to produce over the three streams (default ${DEFAULT-VALUE}: about two minutes "
                    + "on two cores).")
    int records;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>", description = "Random seed of the traffic.")
    long seed;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "<seconds>",
            description = "Give up when the records are not processed by then (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    StackOptions options = new StackOptions();

    @Override
    public Integer call() throws Exception {
        if (records < 1 || records > 1_000_000) {
            throw new LocalCli.UsageException("--records must be 1-1000000");
        }
        if (timeoutSeconds < 1) {
            throw new LocalCli.UsageException("--timeout must be positive");
        }
        options.validate();
        StackPaths paths = cli.paths();
        StackState.readRunning(paths.stackFile()).ifPresent(running -> {
            throw new IllegalStateException("a stack is up (pid " + running.pid() + "); the demo starts its own: stop"
                    + " `up` first");
        });
        Demo demo = new Demo(paths, new Demo.Options(records, seed, Duration.ofSeconds(timeoutSeconds), options.environments,
                options.parameters), System.out);
        return demo.run() ? LocalCli.OK : LocalCli.FAILURE;
    }
}
