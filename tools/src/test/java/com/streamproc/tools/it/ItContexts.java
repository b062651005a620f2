package com.streamproc.tools.it;

import com.streamproc.emulators.EmulatorStack;
import com.streamproc.tools.cli.EndpointConnections;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.produce.FunctionContracts;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The tools' context pointed at the emulators, with the functions' real contracts. */
final class ItContexts {
    private ItContexts() {
    }

    static ToolContext of(EmulatorStack stack, Clock clock, ExecutionInterceptor... kinesisInterceptors) {
        return new ToolContext(new EndpointConnections(stack.kinesisEndpoint(), stack.dynamoDbEndpoint(),
                kinesisInterceptors), FunctionContracts::standard, new ByteArrayInputStream(new byte[0]), clock);
    }

    static ToolContext of(EmulatorStack stack) {
        return of(stack, Clock.systemUTC());
    }
}
