package com.streamproc.local.cli;

import com.streamproc.emulators.ProjectRoot;
import com.streamproc.local.stack.StackPaths;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar local/target/streamproc-local.jar <command>}: the pipeline on one machine, without an AWS account
 * or Docker. Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
@Command(name = "streamproc-local", mixinStandardHelpOptions = true, version = "streamproc-local 0.1.0",
        subcommands = {DemoCommand.class, UpCommand.class, InvokeCommand.class},
        description = {"Runs the Kinesis -> Lambda -> DynamoDB pipeline on this machine: kinesis-local and dynalite "
                + "(npm), each function in its own JVM under the real Lambda Java runtime client, fed by a local "
                + "event source mapping with Lambda's rules. Needs a JDK 17+, Node.js 20+ and `npm ci`; no AWS "
                + "account, no Docker."},
        footer = {"", "Start with: java -jar local/target/streamproc-local.jar demo"})
public final class LocalCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Option(names = "--project-root", scope = ScopeType.INHERIT, paramLabel = "<dir>",
            description = "The project checkout (holds sam-template.yaml, package.json, node_modules). "
                    + "Default: found from the working directory upwards.")
    Path projectRoot;

    @Option(names = "--template", scope = ScopeType.INHERIT, paramLabel = "<file>",
            description = "The SAM template to run: its streams, tables and functions. Each function's CodeUri "
                    + "resolves against the template's directory, as sam resolves it, so a template elsewhere names "
                    + "the zips by absolute paths. The emulators still come from the project root. "
                    + "Default: sam-template.yaml in the project root.")
    Path template;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Stack traces on errors and the emulators' informational logs.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(verbose ? Level.INFO : Level.WARNING);
        }
        CommandLine cli = new CommandLine(new LocalCli());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            Throwable cause = exception;
            while (cause.getCause() != null && (cause.getMessage() == null
                    || cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.lang.reflect.InvocationTargetException)) {
                cause = cause.getCause();
            }
            int code = cause instanceof UsageException ? USAGE : FAILURE;
            commandLine.getErr().println("error: " + firstLine(cause));
            if (verbose) {
                exception.printStackTrace(commandLine.getErr());
            } else if (code == FAILURE) {
                commandLine.getErr().println("(run with --verbose for details)");
            }
            commandLine.getErr().flush();
            return code;
        });
        return cli.execute(args);
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.strip();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UsageException("name a command: demo, up or invoke");
    }

    /** The project paths from --project-root or the working directory. */
    StackPaths paths() {
        Path root;
        if (projectRoot != null) {
            root = projectRoot.toAbsolutePath().normalize();
            System.setProperty(ProjectRoot.PROPERTY, root.toString());
        } else {
            root = ProjectRoot.locate();
        }
        Path file = null;
        if (template != null) {
            file = template.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--template " + template + " is not a file");
            }
        }
        return new StackPaths(root, null, file);
    }

    boolean verbose() {
        return verbose;
    }

    /** A mistake in how the command was called: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
