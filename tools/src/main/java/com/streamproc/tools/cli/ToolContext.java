package com.streamproc.tools.cli;

import com.streamproc.tools.StreamprocTools;
import com.streamproc.tools.aws.AwsConnections;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.produce.EventContract;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the commands get from outside: AWS connections, the functions' contracts, stdin and a clock. Tests pass
 * their own (emulator endpoints, a fake client, a fixed clock).
 *
 * @param contracts built on first use: loading the functions' decoders is only worth it for the producer
 */
public record ToolContext(AwsConnections aws, Supplier<Map<PipelineFunction, EventContract>> contracts,
                          InputStream stdin, Clock clock) {

    /** The context of a command: the root command's. */
    public static ToolContext of(CommandSpec spec) {
        return ((StreamprocTools) spec.root().userObject()).context();
    }
}
