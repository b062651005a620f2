package com.streamproc.tools.failures;

import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.FunctionConverter;
import com.streamproc.tools.cli.ToolContext;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which function's on-failure records, and where they are: shared by {@code failures list} and {@code replay}. */
public final class FailuresOptions {
    @Option(names = {"-f", "--function"}, required = true, paramLabel = "FUNCTION", converter = FunctionConverter.class,
            description = "order-processing, activity-tracking or data-cleansing (or orders, activity, customers)")
    PipelineFunction function;

    @Option(names = "--queue", paramLabel = "URL_OR_NAME",
            description = "The function's on-failure SQS queue (default outside the local stack: "
                    + "<env>-<function>-failures)")
    String queue;

    @Option(names = "--local-stack", paramLabel = "DIR", defaultValue = ".local-stack",
            description = "With --env local: the local stack's directory, whose failures/<LogicalId>.jsonl holds "
                    + "the records (default: ${DEFAULT-VALUE})")
    Path localStack;

    @Option(names = "--shard", paramLabel = "SHARD_ID", description = "Only records of this shard")
    String shard;

    public FailureTarget target() {
        return FailureTarget.of(function);
    }

    /**
     * The local stack's file for {@code --env local} without {@code --queue}; the SQS queue otherwise, and nothing for
     * a function whose mapping never gives up (the stack declares no queue for it) unless {@code --queue} names one.
     */
    public FailureSource open(String env, ToolContext context, Duration visibility) {
        if (queue == null && env.equals("local")) {
            return new JsonLinesFailureFile(localStack.resolve("failures").resolve(target().logicalId() + ".jsonl"),
                    context.clock());
        }
        if (queue == null && target().neverGivesUp()) {
            return FailureSource.none("no failure queue (" + target().function().functionName()
                    + " never gives up; --queue reads one an earlier stack left)");
        }
        var sqs = context.aws().sqs();
        try {
            String url = queue != null && queue.contains("://") ? queue
                    : SqsFailureQueue.queueUrl(sqs, queue != null ? queue : target().queueName(env));
            return new SqsFailureQueue(sqs, url, visibility);
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
    }

    public boolean selected(FailureEntry entry) {
        return shard == null || shard.equals(entry.record().shardId());
    }
}
