package com.streamproc.local.cli;

import com.streamproc.local.stack.LocalStack;
import com.streamproc.local.stack.SamLocalEnvVars;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.local.stack.StackState;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code up}: the whole stack, running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts the emulators, the template's streams and tables, and every function with its event "
                + "source mapping, prints the environment variables that point the AWS CLI or SDKs at it, and keeps "
                + "running until Ctrl-C. `invoke` and `demo --attach` use a running `up`."})
final class UpCommand implements Callable<Integer> {
    /** Printed once everything runs. */
    static final String READY = "# ready";

    @ParentCommand
    LocalCli cli;

    @Mixin
    StackOptions options = new StackOptions();

    @Option(names = "--container-host", defaultValue = SamLocalEnvVars.DOCKER_HOST, paramLabel = "<host>",
            description = "The host name a `sam local invoke` container reaches this machine by, written into "
                    + ".local-stack/env.local.json (default ${DEFAULT-VALUE}).")
    String containerHost;

    @Override
    public Integer call() throws Exception {
        options.validate();
        StackPaths paths = cli.paths();
        PrintStream out = System.out;
        StackState.readRunning(paths.stackFile()).ifPresent(running -> {
            throw new IllegalStateException("a stack is already up (pid " + running.pid() + "); stop it first");
        });
        LocalStack stack = LocalStack.start(paths, options.parameters, false, message -> out.println("[local] " + message));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            StackState.removeIfOwn(paths.stackFile());
            try {
                java.nio.file.Files.deleteIfExists(paths.samEnvVars());
            } catch (java.io.IOException ignored) {
                // a stale file names ports nobody listens on; the next up rewrites it
            }
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<LocalStack.RunningMapping> mappings = stack.startFunctions(options.environments,
                message -> out.println("[local] " + message));
        new StackState(ProcessHandle.current().pid(), stack.kinesisEndpoint(), stack.dynamoDbEndpoint(),
                stack.region(), Instant.now(), stack.template().physicalNames()).write(paths.stackFile());
        SamLocalEnvVars.write(paths.samEnvVars(), stack.template(), stack.dynamoDbEndpoint(), containerHost);

        out.println();
        out.println("# The local stack is up. Point the AWS CLI or an SDK at it:");
        stack.awsEnvironment().forEach((name, value) -> out.println("export " + name + "=" + value));
        out.println();
        out.println("# Streams, tables and functions (logical id = local name):");
        stack.template().physicalNames().forEach((id, name) -> out.println("#   " + id + " = " + name));
        out.println();
        out.println("# Function logs: " + paths.projectRoot().relativize(paths.logs()) + "/<LogicalId>.log;"
                + " failure destinations: " + paths.projectRoot().relativize(paths.state().resolve("failures"))
                + "/<LogicalId>.jsonl; retries: " + paths.projectRoot().relativize(paths.mappingsLog()));
        if (!mappings.isEmpty()) {
            out.println("# Try: aws --endpoint-url \"$AWS_ENDPOINT_URL_KINESIS\" kinesis put-record --stream-name "
                    + mappings.get(0).source().streamName() + " --partition-key k --data \"$(printf '{}' | base64)\"");
        }
        // Another template than the project's (--template) must be named to sam as well.
        String templateArgument = paths.template().equals(paths.projectRoot().resolve(StackPaths.TEMPLATE)) ? ""
                : "-t " + paths.templateName() + " ";
        out.println("# sam local invoke (Docker) against this stack: sam local invoke <LogicalId> " + templateArgument
                + "-e <event.json> --env-vars " + paths.projectRoot().relativize(paths.samEnvVars())
                + " (docs/local-stack.md)");
        out.println("# Ctrl-C stops everything.");
        out.println(READY);
        out.flush();
        StatusLine status = new StatusLine(mappings);
        while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
            status.printIfChanged(out);
        }
        return LocalCli.OK;
    }

    /** Prints the mappings' counters, retries and last causes when they changed. */
    static final class StatusLine {
        private final List<LocalStack.RunningMapping> mappings;
        private String last = "";

        StatusLine(List<LocalStack.RunningMapping> mappings) {
            this.mappings = mappings;
        }

        void printIfChanged(PrintStream out) {
            String text = text();
            if (!text.equals(last)) {
                out.println("[" + Instant.now().toString().substring(11, 19) + "]" + text);
                last = text;
            }
        }

        /** The line without its time: each function's {@link LocalStack.RunningMapping#status()}. */
        String text() {
            StringBuilder line = new StringBuilder();
            for (LocalStack.RunningMapping m : mappings) {
                line.append("  ").append(m.status());
            }
            return line.toString();
        }
    }
}
