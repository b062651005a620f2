package com.streamproc.local.runtime;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * Main class of a function JVM: starts a daemon thread that halts the JVM when standard input reaches end of file,
 * then hands over to the Lambda runtime interface client's {@code AWSLambda.main(handler)}.
 *
 * <p>The parent process holds the write end of the pipe on standard input and never writes to it, so the kernel
 * closes it when the parent exits for any reason (SIGKILL included): the function JVM cannot outlive the CLI.
 *
 * <p>Copied alone onto the function JVM's class path: it must use nothing but the JDK (no other class of this
 * module, no anonymous classes).
 */
public final class LambdaBootstrap {
    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private LambdaBootstrap() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watch = new Thread(LambdaBootstrap::haltWhenParentGoes, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            Class.forName(RUNTIME_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenParentGoes() {
        try {
            byte[] buffer = new byte[64];
            while (System.in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end of file
        }
        // halt, not exit: shutdown hooks of the function must not keep an orphan alive
        Runtime.getRuntime().halt(137);
    }
}
