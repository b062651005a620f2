package com.streamproc.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs test functions in their own JVMs under the real Lambda runtime interface client, against the local Runtime
 * API: no emulators needed.
 */
class ExecutionEnvironmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final TestFunctions.CapturedLog log = new TestFunctions.CapturedLog();

    private ExecutionEnvironment environment(String handler, Duration timeout) throws Exception {
        Path zip = TestFunctions.zip(directory);
        return new ExecutionEnvironment(TestFunctions.function(zip, handler, timeout),
                TestFunctions.settings(directory.resolve("state"), log.stream), "test");
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHandlerRunsInItsOwnJvmWithLambdasEnvironmentAndIsReusedWhileWarm() throws Exception {
        try (ExecutionEnvironment environment = environment("EchoHandler", Duration.ofSeconds(30))) {
            ExecutionEnvironment.Result first = environment.invoke("request-1", event("{\"orderId\":\"o-1\"}"));
            ExecutionEnvironment.Result second = environment.invoke("request-2", event("{\"orderId\":\"o-2\"}"));

            assertThat(first.functionError()).as(first.payloadText()).isFalse();
            JsonNode one = JSON.readTree(first.payload());
            JsonNode two = JSON.readTree(second.payload());
            assertThat(one.at("/input/orderId").asText()).isEqualTo("o-1");
            assertThat(one.at("/requestId").asText()).isEqualTo("request-1");
            assertThat(one.at("/functionName").asText()).isEqualTo("local-test");
            assertThat(one.at("/memoryLimitInMB").asInt()).isEqualTo(256);
            assertThat(one.at("/remainingPositive").asBoolean()).isTrue();
            assertThat(one.at("/invokedFunctionArn").asText())
                    .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:local-test");
            assertThat(one.at("/GREETING").asText()).isEqualTo("hello");
            assertThat(one.at("/AWS_ENDPOINT_URL_DYNAMODB").asText()).isEqualTo("http://127.0.0.1:1");
            assertThat(one.at("/AWS_REGION").asText()).isEqualTo("us-east-1");
            assertThat(one.at("/_HANDLER").asText()).endsWith("EchoHandler::handleRequest");
            assertThat(one.at("/workingDirectory").asText()).isEqualTo(one.at("/LAMBDA_TASK_ROOT").asText());
            assertThat(one.at("/pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(two.at("/pid").asLong()).isEqualTo(one.at("/pid").asLong());
            assertThat(two.at("/calls").asInt()).isEqualTo(2);
            assertThat(first.initDuration()).isNotNull();
            assertThat(second.initDuration()).isNull();
            assertThat(environment.starts()).isEqualTo(1);
            assertThat(log.text()).contains("echo handler ran for request-1", "START RequestId: request-1",
                    "END RequestId: request-1", "REPORT RequestId: request-1");
        }
    }

    @Test
    void whatTheHandlerWroteIsLoggedBeforeItsInvocationEnds() throws Exception {
        try (ExecutionEnvironment environment = environment("EchoHandler", Duration.ofSeconds(30))) {
            for (int i = 1; i <= 5; i++) {
                environment.invoke("request-" + i, event("{}"));

                // Read at once, without waiting: the line must already be there, and before the END line.
                java.util.List<String> lines = log.lines();
                assertThat(lines).as("log after request-%d", i).contains("echo handler ran for request-" + i);
                assertThat(lines.indexOf("echo handler ran for request-" + i))
                        .isLessThan(lines.indexOf("END RequestId: request-" + i));
            }
        }
    }

    @Test
    void aThrownExceptionComesBackAsLambdasErrorDocument() throws Exception {
        try (ExecutionEnvironment environment = environment("ThrowingHandler", Duration.ofSeconds(30))) {
            ExecutionEnvironment.Result result = environment.invoke("request-1", event("{}"));

            assertThat(result.functionError()).isTrue();
            JsonNode error = JSON.readTree(result.payload());
            assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.get("errorMessage").asText()).isEqualTo("the handler failed on purpose");
            assertThat(error.get("stackTrace").isArray()).isTrue();
            assertThat(environment.starts()).isEqualTo(1);
        }
    }

    @Test
    void anInvocationPastItsTimeoutFailsAndTheNextOneGetsANewJvm() throws Exception {
        try (ExecutionEnvironment environment = environment("SlowHandler", Duration.ofSeconds(2))) {
            ExecutionEnvironment.Result timedOut = environment.invoke("request-1", event("{\"sleepMillis\":60000}"));
            ExecutionEnvironment.Result next = environment.invoke("request-2", event("{\"sleepMillis\":1}"));

            assertThat(timedOut.functionError()).isTrue();
            assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(JSON.readTree(timedOut.payload()).get("errorMessage").asText())
                    .contains("request-1 Task timed out after 2.00 seconds");
            assertThat(next.functionError()).as(next.payloadText()).isFalse();
            assertThat(next.payloadText()).isEqualTo("\"slept\"");
            assertThat(environment.starts()).isEqualTo(2);
        }
    }

    @Test
    void aFailingConstructorIsAnInitErrorAndIsRetriedOnTheNextInvocation() throws Exception {
        try (ExecutionEnvironment environment = environment("BrokenInitHandler", Duration.ofSeconds(30))) {
            ExecutionEnvironment.Result first = environment.invoke("request-1", event("{}"));
            ExecutionEnvironment.Result second = environment.invoke("request-2", event("{}"));

            assertThat(first.functionError()).isTrue();
            assertThat(first.payloadText()).contains("ORDERS_TABLE");
            assertThat(second.functionError()).isTrue();
            assertThat(environment.starts()).isEqualTo(2);
        }
    }

    @Test
    void aJvmThatExitsMidInvocationIsARuntimeExitError() throws Exception {
        try (ExecutionEnvironment environment = environment("ExitingHandler", Duration.ofSeconds(30))) {
            ExecutionEnvironment.Result result = environment.invoke("request-1", event("{}"));

            assertThat(result.functionError()).isTrue();
            assertThat(result.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(JSON.readTree(result.payload()).get("errorMessage").asText()).contains("exit status 3");
        }
    }
}
