package com.streamproc.local.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A function as the template declares it, resolved for the local stack.
 *
 * @param logicalId    template logical id, e.g. {@code OrderProcessingFunction}
 * @param functionName physical name, e.g. {@code local-order-processing}
 * @param handler      {@code package.Class::method}
 * @param codeZip      the deployment zip (classes at the root, dependencies in {@code lib/})
 * @param memoryMb     {@code MemorySize}: sets the JVM's maximum heap as Lambda does
 * @param timeout      {@code Timeout}: the invocation deadline
 * @param environment  the function's variables ({@code Globals} merged with its own), resolved
 * @param logFormat    {@code LoggingConfig.LogFormat} ({@code Text} or {@code JSON}), null for the default
 * @param logLevel     {@code LoggingConfig.ApplicationLogLevel}, null for none
 */
public record FunctionDefinition(String logicalId, String functionName, String handler, Path codeZip, int memoryMb,
                                 Duration timeout, Map<String, String> environment, String logFormat,
                                 String logLevel) {
    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeZip, "codeZip");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException(logicalId + ": MemorySize must be 128-10240, was " + memoryMb);
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException(logicalId + ": Timeout must be 1-900 seconds, was " + timeout);
        }
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public String functionArn(String region, String account) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }
}
