package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test function: sleeps for {@code sleepMillis} of its input. */
public class SlowHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        try {
            Thread.sleep(((Number) input.get("sleepMillis")).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept";
    }
}
