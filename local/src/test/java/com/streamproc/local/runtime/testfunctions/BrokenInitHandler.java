package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test function: its constructor fails, as one with a missing environment variable does. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, String> {
    public BrokenInitHandler() {
        throw new IllegalStateException("environment variable ORDERS_TABLE is not set");
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        return "never";
    }
}
