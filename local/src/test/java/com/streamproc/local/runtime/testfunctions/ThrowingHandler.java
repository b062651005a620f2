package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test function: always throws. */
public class ThrowingHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        throw new IllegalStateException("the handler failed on purpose");
    }
}
