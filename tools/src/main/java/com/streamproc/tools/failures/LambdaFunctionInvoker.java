package com.streamproc.tools.failures;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** {@code Invoke} (RequestResponse) of one function, with an optional qualifier (the alias the mapping invokes). */
public final class LambdaFunctionInvoker implements FunctionInvoker {
    private final LambdaClient lambda;
    private final String functionName;
    private final String qualifier;

    public LambdaFunctionInvoker(LambdaClient lambda, String functionName, String qualifier) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.qualifier = qualifier;
    }

    @Override
    public Outcome invoke(byte[] event) {
        InvokeResponse response = lambda.invoke(b -> {
            b.functionName(functionName).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromByteArray(event));
            if (qualifier != null) {
                b.qualifier(qualifier);
            }
        });
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        return response.functionError() != null
                ? new Outcome.Failed(response.functionError(), payload)
                : new Outcome.Returned(payload);
    }
}
