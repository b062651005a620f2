package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test function: answers with what it got and what its environment looks like. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final long INSTANCE_PID = ProcessHandle.current().pid();
    private int calls;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        calls++;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", input);
        out.put("requestId", context.getAwsRequestId());
        out.put("functionName", context.getFunctionName());
        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
        out.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
        out.put("invokedFunctionArn", context.getInvokedFunctionArn());
        out.put("pid", INSTANCE_PID);
        out.put("calls", calls);
        out.put("workingDirectory", System.getProperty("user.dir"));
        for (String name : new String[] {"AWS_LAMBDA_FUNCTION_NAME", "GREETING", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_REGION", "_HANDLER", "LAMBDA_TASK_ROOT", "HOME_OF_PARENT_LEAK"}) {
            out.put(name, System.getenv(name));
        }
        System.out.println("echo handler ran for " + context.getAwsRequestId());
        return out;
    }
}
