package com.streamproc.tools.failures;

import com.streamproc.tools.cli.EnvironmentCommand;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.OutputOptions;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.cli.ToolFailure;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import com.streamproc.tools.output.ResultWriter;
import com.streamproc.tools.produce.Sleeper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code failures replay}: reads given-up ranges back from the stream and sends them to the function. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays the batches Lambda gave up on: reads each range back from its shard while the stream",
                "still holds it (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords up to the end sequence number) and",
                "invokes the function with those records as Lambda would: their own sequence numbers, partition keys,",
                "shard and stream, in order, at most the mapping's batch size per invocation, again from the first",
                "record the function reports failed (with backoff, --max-attempts in a row without progress).",
                "The batch size is the BatchSize of the function's event source mapping on the range's stream, read",
                "with lambda:ListEventSourceMappings (the local stack's Lambda endpoint answers it too), or --batch-size.",
                "A dry run by default: says what it would replay. --execute replays; a record whose range was",
                "replayed in full is then deleted from the queue (SQS) or marked replayed (local file); any other",
                "stays. A range the stream no longer holds (trimmed by retention, shard gone) is reported and kept.",
                "activity-tracking's mapping never gives up: a range of it (left by an earlier mapping, or replayed",
                "twice) changes an item only with records above that item's high-water mark; applied counts the",
                "records the function took, skipped ones included.",
                "Exit status 0 when every selected range was found (dry run) or replayed (--execute), 1 otherwise."},
        footer = {"", "Examples:",
                "  failures replay --function order-processing                # dry run",
                "  failures replay --function order-processing --execute",
                "  failures replay --function customers --env prod --shard shardId-000000000003 --execute"})
public final class FailuresReplayCommand extends EnvironmentCommand {
    /** Received SQS messages stay hidden this long: the replay of all of them must fit. */
    private static final Duration VISIBILITY = Duration.ofHours(1);

    @Mixin
    FailuresOptions options;

    @Mixin
    OutputOptions output;

    @Option(names = "--execute", description = "Replay (without it: a dry run that invokes nothing)")
    boolean execute;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
            description = "Invocations in a row that apply nothing before a range is given up (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--function-name", paramLabel = "NAME",
            description = "The function to invoke (default: <env>-<function>, alias live; locally the stack's function)")
    String functionName;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Records per invocation (default: the BatchSize of the function's event source mapping)")
    Integer batchSize;

    @Option(names = "--include-replayed",
            description = "Local file only: replay records already marked replayed too")
    boolean includeReplayed;

    /** The first pause after an attempt that applied nothing; it doubles, up to 30 s. */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    @Override
    public Integer call() {
        if (maxAttempts < 1) {
            throw new ParameterException(spec.commandLine(), "--max-attempts must be at least 1 (got " + maxAttempts + ")");
        }
        if (batchSize != null && (batchSize < 1 || batchSize > 10_000)) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be 1 to 10000, as a Kinesis mapping's "
                    + "BatchSize (got " + batchSize + ")");
        }
        ToolContext context = context();
        FailureTarget target = options.target();
        String env = environment.env();
        PrintWriter err = spec.commandLine().getErr();
        String verb = execute ? "replay" : "dry run";
        ResultTable table = new ResultTable(Column.text("shard"), Column.text("startSequence"),
                Column.text("endSequence"), Column.number("givenUp"), Column.number("read"),
                Column.number("invocations"), Column.number("invoked"), Column.number("applied"),
                Column.number("failed"), Column.text("status"));
        int ranges = 0;
        int unfinished = 0;
        long totalRead = 0;
        long totalApplied = 0;
        try (FailureSource source = options.open(env, context, VISIBILITY);
             KinesisClient kinesis = context.aws().kinesis();
             LambdaClient lambda = execute ? context.aws().lambda() : dryRunLambda(context, err)) {
            // Locally, the stack's Lambda endpoint; without it, calls would go to the AWS account of the credentials.
            boolean lambdaReachable = lambda != null && (!env.equals("local") || pointsAtAnEndpoint(lambda));
            if (execute && !lambdaReachable) {
                throw new ToolFailure("--env local replays into the local stack's functions, but no Lambda endpoint is"
                        + " set: export AWS_ENDPOINT_URL_LAMBDA as `up` prints it (without it the replay would invoke"
                        + " functions in the AWS account of your credentials)");
            }
            List<FailureEntry> entries = source.read(output.limit()).stream().filter(options::selected)
                    .filter(e -> includeReplayed || !e.replayed()).toList();
            if (target.neverGivesUp()) {
                err.println(target.neverGivesUpNote());
            }
            err.println("failures " + verb + ": " + entries.size() + " on-failure record(s) of "
                    + target.function().functionName() + " in " + source.describe());
            RangeReader reader = new RangeReader(kinesis, Sleeper.REAL);
            String invoked = functionName != null ? functionName : target.functionName(env);
            MappingBatchSize mappingBatchSize = lambdaReachable ? new MappingBatchSize(lambda, invoked) : null;
            FunctionInvoker invoker = !execute ? null : new LambdaFunctionInvoker(lambda,
                    invoked, functionName != null || env.equals("local") ? null : FailureTarget.ALIAS);
            List<ReplaySpan> spans = ReplaySpan.merge(entries);
            for (ReplaySpan span : spans) {
                ranges++;
                OnFailureRecord range = span.range();
                err.println("range " + ranges + "/" + spans.size() + " " + range.range() + " (" + range.batchSize()
                        + " records given up, " + span.entries().size() + " on-failure record(s), "
                        + range.condition() + "): reading from " + range.streamName());
                StreamRange found = reader.read(range);
                if (found instanceof StreamRange.Expired expired) {
                    unfinished++;
                    err.println("range " + range.range() + " has expired from the stream: " + expired.reason()
                            + "; it cannot be replayed, the on-failure record is kept");
                    table.add(range.shardId(), range.startSequence(), range.endSequence(), range.batchSize(), 0, 0,
                            0, 0, range.batchSize(), "expired");
                    continue;
                }
                List<software.amazon.awssdk.services.kinesis.model.Record> records =
                        ((StreamRange.Found) found).records();
                totalRead += records.size();
                if (records.size() > range.batchSize()) {
                    err.println("  the range holds " + records.size() + " records for " + range.batchSize()
                            + " given up: batches of the shard ran concurrently (ParallelizationFactor); all of them "
                            + "are replayed, the functions skip what they applied already");
                }
                if (!execute) {
                    Integer perInvocation = batchSize != null ? batchSize : dryRunBatchSize(mappingBatchSize, range, err);
                    String estimate = perInvocation == null ? ""
                            : " in about " + (records.size() + perInvocation - 1) / perInvocation + " invocation(s)";
                    err.println("  would replay " + records.size() + " records" + estimate + " of " + invoked
                            + " (run with --execute)");
                    table.add(range.shardId(), range.startSequence(), range.endSequence(), range.batchSize(),
                            records.size(), 0, 0, 0, 0, "dry run");
                    continue;
                }
                int perInvocation = batchSize != null ? batchSize : mappingBatchSize.of(range.streamArn());
                err.println("  " + perInvocation + " records per invocation at most (" + (batchSize != null
                        ? "--batch-size" : "BatchSize of the event source mapping") + ")");
                Replayer.Result result = new Replayer(invoker, perInvocation, maxAttempts, FIRST_BACKOFF,
                        Sleeper.REAL).replay(range, null, records, line -> err.println("  " + line));
                totalApplied += result.applied();
                if (result.complete()) {
                    span.entries().forEach(source::replayed);
                    err.println("range " + range.range() + " replayed: " + result.applied() + " records applied in "
                            + result.invocations() + " invocation(s)");
                } else {
                    unfinished++;
                    err.println("range " + range.range() + " stopped after " + result.invocations()
                            + " invocation(s): " + result.applied() + " of " + result.read() + " applied; last error: "
                            + result.lastError() + "; the on-failure record is kept");
                }
                table.add(range.shardId(), range.startSequence(), range.endSequence(), range.batchSize(),
                        result.read(), result.invocations(), result.invoked(), result.applied(), result.failed(),
                        result.complete() ? "replayed" : "stopped");
            }
        }
        ResultWriter.write(table, output.format(), spec.commandLine().getOut());
        err.println("failures " + verb + ": ranges=" + ranges + " read=" + totalRead
                + (execute ? " applied=" + totalApplied : "") + " unfinished=" + unfinished);
        return unfinished == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A dry run reads the mapping's BatchSize if it can: a client that cannot be made is no error. */
    private static LambdaClient dryRunLambda(ToolContext context, PrintWriter err) {
        try {
            return context.aws().lambda();
        } catch (RuntimeException e) {
            err.println("no Lambda client (" + e.getMessage() + "): the dry run cannot read the mapping's BatchSize");
            return null;
        }
    }

    /** The mapping's BatchSize for a dry run's estimate; a dry run needs no Lambda access, so without it: none. */
    private static Integer dryRunBatchSize(MappingBatchSize mapping, OnFailureRecord range, PrintWriter err) {
        if (mapping == null) {
            err.println("  no Lambda endpoint to ask for the mapping's BatchSize: no estimate of invocations (or give "
                    + "--batch-size)");
            return null;
        }
        try {
            return mapping.of(range.streamArn());
        } catch (ToolFailure | SdkException e) {
            err.println("  the mapping's BatchSize is unknown, no estimate of invocations: " + e.getMessage());
            return null;
        }
    }

    /** Whether the client goes to an endpoint of its own (the local stack's) rather than to AWS's. */
    private static boolean pointsAtAnEndpoint(LambdaClient lambda) {
        return lambda.serviceClientConfiguration().endpointOverride().isPresent()
                || System.getenv("AWS_ENDPOINT_URL_LAMBDA") != null || System.getenv("AWS_ENDPOINT_URL") != null
                || System.getProperty("aws.endpointUrlLambda") != null || System.getProperty("aws.endpointUrl") != null;
    }
}
