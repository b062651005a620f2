package com.streamproc.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of a cold-start child JVM, in the order Lambda's Java runtime works: load and construct the handler
 * (init), deserialize the event with the runtime's serializer, invoke once. Prints one line
 * {@code COLDSTART init_ms=… deserialize_ms=… invoke_ms=… failures=…} and exits.
 *
 * <p>Depends only on the JDK and the Lambda core, events and serialization jars, so that it runs on the class path
 * of a function's deployment zip as well as on the bare handler's. Arguments: {@code <handler class> <event file>}.
 */
public final class ColdStartLauncher {
    public static final String RESULT_PREFIX = "COLDSTART ";

    private ColdStartLauncher() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        RequestHandler handler = (RequestHandler) Class.forName(args[0], true, loader).getDeclaredConstructor()
                .newInstance();
        long initialized = System.nanoTime();
        PojoSerializer<KinesisEvent> serializer = LambdaEventSerializers.serializerFor(KinesisEvent.class, loader);
        KinesisEvent event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event = serializer.fromJson(in);
        }
        long deserialized = System.nanoTime();
        Object response = handler.handleRequest(event, new LauncherContext());
        long invoked = System.nanoTime();
        int failures = response instanceof StreamsEventResponse streams && streams.getBatchItemFailures() != null
                ? streams.getBatchItemFailures().size() : -1;
        System.out.println(RESULT_PREFIX + "init_ms=" + millis(initialized - start)
                + " deserialize_ms=" + millis(deserialized - initialized)
                + " invoke_ms=" + millis(invoked - deserialized)
                + " records=" + event.getRecords().size()
                + " failures=" + failures);
        System.out.flush();
        // Lambda freezes the environment after the response; nothing after this point is measured.
        Runtime.getRuntime().halt(0);
    }

    private static String millis(long nanos) {
        return Double.toString(nanos / 1e6);
    }

    /** The context Lambda would pass: 60 s left, 1024 MB, as the template configures the functions. */
    static final class LauncherContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "cold-start";
        }

        @Override
        public String getLogGroupName() {
            return "cold-start";
        }

        @Override
        public String getLogStreamName() {
            return "cold-start";
        }

        @Override
        public String getFunctionName() {
            return "cold-start";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:cold-start";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new StderrLogger();
        }
    }

    static final class StderrLogger implements LambdaLogger {
        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.println(new String(message, StandardCharsets.UTF_8));
        }
    }
}
