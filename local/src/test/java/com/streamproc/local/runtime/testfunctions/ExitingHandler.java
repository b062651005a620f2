package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test function: the JVM exits in the middle of the invocation. */
public class ExitingHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        System.exit(3);
        return "never";
    }
}
