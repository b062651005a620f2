package com.streamproc.local.cli;

import com.streamproc.local.runtime.ExecutionEnvironment;
import com.streamproc.local.stack.FunctionPool;
import com.streamproc.local.stack.LocalStack;
import com.streamproc.local.stack.StackPaths;
import com.streamproc.local.template.LocalTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code invoke <LogicalId> -e event.json}: what {@code sam local invoke} does, without Docker. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invokes one function of the template (sam-template.yaml unless --template names another) "
                + "once with an event, in its own JVM under the real Lambda Java runtime client, and prints the "
                + "function's response (the JSON Lambda returns) on standard output; the function's logs go to "
                + "standard error.",
                "Uses the emulators of a running `up`; without one, starts them (and the template's tables and "
                        + "streams) for this call and stops them afterwards.",
                "Refuses, as Lambda does, an event over 6 MB (RequestEntityTooLargeException), and a batch with a "
                        + "record no Kinesis event source mapping would send (kinesis missing or null, no "
                        + "sequenceNumber, partitionKey or base64 data).",
                "Exit code 0 when the function returned, 1 when it failed (the error document is printed), "
                        + "2 on bad usage or a refused event."})
final class InvokeCommand implements Callable<Integer> {
    @ParentCommand
    LocalCli cli;

    @Parameters(index = "0", paramLabel = "<LogicalId>", description = "The function's logical id in the template, "
            + "e.g. OrderProcessingFunction.")
    String logicalId;

    @Option(names = {"-e", "--event"}, paramLabel = "<file>", description = "The event JSON file; '-' reads standard "
            + "input. Default: {}.")
    String event;

    @Option(names = "--parameter-overrides", paramLabel = "<Key=Value>", split = ",",
            description = "Template parameter values.")
    Map<String, String> parameters = Map.of();

    @Override
    public Integer call() throws Exception {
        StackPaths paths = cli.paths();
        byte[] payload = readEvent();
        if (!Files.isRegularFile(paths.template())) {
            throw new IllegalStateException("no template " + paths.templateName());
        }
        LocalTemplate.LocalFunction function;
        try {
            function = LocalTemplate.read(paths.template(), parameters).function(logicalId);
        } catch (IllegalArgumentException unknown) {
            throw new LocalCli.UsageException(unknown.getMessage());
        }
        if (!Files.isRegularFile(function.definition().codeZip())) {
            throw new IllegalStateException("the deployment zip " + paths.projectRoot().relativize(
                    function.definition().codeZip()) + " does not exist: run `mvn -q -DskipTests package` first");
        }
        PrintStream log = System.err;
        try (LocalStack stack = LocalStack.start(paths, parameters, true, message -> log.println("[local] " + message))) {
            FunctionPool pool = stack.pool(stack.template().function(logicalId), log, 1);
            String requestId = UUID.randomUUID().toString();
            ExecutionEnvironment.Result result = pool.invoke(requestId, payload);
            System.out.write(result.payload());
            System.out.println();
            System.out.flush();
            return result.functionError() ? LocalCli.FAILURE : LocalCli.OK;
        }
    }

    private byte[] readEvent() throws IOException {
        byte[] bytes;
        if (event == null) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        } else if (event.equals("-")) {
            bytes = System.in.readAllBytes();
        } else {
            Path file = Path.of(event);
            if (!Files.isRegularFile(file)) {
                throw new LocalCli.UsageException("event file " + event + " does not exist");
            }
            bytes = Files.readAllBytes(file);
        }
        InvokeEvent.check(bytes);
        return bytes;
    }
}
